package dev.mqtt5.client.engine;

import static dev.mqtt5.client.engine.ScriptedClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.auth.EnhancedAuthenticator;
import dev.mqtt5.client.conformance.Covers;
import dev.mqtt5.client.exception.AuthenticationException;
import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.packet.AuthPacket;
import dev.mqtt5.client.packet.AuthReasonCode;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.testing.BrokerReplies;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Enhanced authentication against a scripted broker running a challenge/response mechanism:
 * the broker challenges with a nonce, expects "response:" + nonce, and proves itself with "server-proof".
 */
class EnhancedAuthTest {

    private static final String METHOD = "TEST-CHALLENGE";

    private final ScriptedClient s = new ScriptedClient();

    @AfterEach
    void tearDown() {
        s.close();
    }

    /** The client side of the mechanism; records what it was asked, and which threads asked. */
    static final class ChallengeResponse implements EnhancedAuthenticator {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile String expectedProof = "server-proof";

        @Override
        public String method() {
            return METHOD;
        }

        @Override
        public CompletionStage<byte[]> initialData(Phase phase) {
            calls.add("initial " + phase + " on " + Thread.currentThread().getName());
            return CompletableFuture.completedFuture(("hello-" + phase).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public CompletionStage<byte[]> onChallenge(AuthPacket challenge) {
            String nonce = new String(challenge.authenticationData(), StandardCharsets.UTF_8);
            calls.add("challenge " + nonce);
            return CompletableFuture.supplyAsync(() -> ("response:" + nonce).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public CompletionStage<Boolean> onSuccess(byte[] serverData) {
            String proof = serverData == null ? null : new String(serverData, StandardCharsets.UTF_8);
            calls.add("success " + proof);
            return CompletableFuture.completedFuture(expectedProof.equals(proof));
        }
    }

    static MqttMessage auth(int reason, String data) {
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.StringProperty(0x15, METHOD));
        props.add(new MqttProperties.BinaryProperty(0x16, data.getBytes(StandardCharsets.UTF_8)));
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.AUTH, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttReasonCodeAndPropertiesVariableHeader((byte) reason, props));
    }

    static String authData(MqttMessage message) {
        MqttProperties props = ((MqttReasonCodeAndPropertiesVariableHeader) message.variableHeader()).properties();
        return new String((byte[]) props.getProperty(0x16).value(), StandardCharsets.UTF_8);
    }

    static int reason(MqttMessage message) {
        return ((MqttReasonCodeAndPropertiesVariableHeader) message.variableHeader()).reasonCode() & 0xFF;
    }

    /** Scripts the broker's side: challenge on CONNECT and on re-authenticate, verify the response. */
    private void scriptBroker() {
        s.broker.onConnect((index, connect) -> auth(0x18, "nonce-" + index));
        s.broker.reply(MqttMessageType.AUTH, received -> {
            String data = authData(received);
            if (reason(received) == 0x19) {
                return auth(0x18, "nonce-re");
            }
            if (data.equals("response:nonce-re")) {
                return auth(0x00, "server-proof");
            }
            if (data.startsWith("response:nonce-")) {
                MqttProperties props = new MqttProperties();
                props.add(new MqttProperties.StringProperty(0x15, METHOD));
                props.add(new MqttProperties.BinaryProperty(0x16, "server-proof".getBytes(StandardCharsets.UTF_8)));
                BrokerReplies.ConnAck connAck = BrokerReplies.connAck();
                props.listAll().forEach(connAck::property);
                return connAck.build();
            }
            return BrokerReplies.connAck().reasonCode(0x87).build();
        });
    }

    static String authMethod(MqttMessage message) {
        MqttProperties props = ((MqttReasonCodeAndPropertiesVariableHeader) message.variableHeader()).properties();
        return (String) props.getProperty(0x15).value();
    }

    @Test
    @Covers({"MQTT-3.1.2-30", "MQTT-4.12.0-3", "MQTT-4.12.0-5", "MQTT-3.15.2-1"})
    void connectsThroughAChallengeAndResponseExchange() throws Exception {
        scriptBroker();
        ChallengeResponse mechanism = new ChallengeResponse();
        s.create(o -> o.enhancedAuthenticator(mechanism));
        // Submitted before the exchange: it must wait for the CONNACK.
        CompletableFuture<?> early = s.client.publish(PublishPacket.builder().topic("early").qos(QoS.AT_LEAST_ONCE).build());
        s.client.start();
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        early.get(10, TimeUnit.SECONDS);
        assertThat(s.broker.received().stream().map(m -> m.fixedHeader().messageType()).toList())
                .startsWith(MqttMessageType.CONNECT, MqttMessageType.AUTH, MqttMessageType.PUBLISH);
        MqttConnectMessage connect = s.broker.awaitConnect(WAIT);
        assertThat(connect.variableHeader().properties().getProperty(0x15).value()).isEqualTo(METHOD);
        assertThat(new String((byte[]) connect.variableHeader().properties().getProperty(0x16).value(),
                StandardCharsets.UTF_8)).isEqualTo("hello-CONNECT");
        MqttMessage response = s.broker.awaitPacket(MqttMessageType.AUTH, WAIT);
        assertThat(reason(response)).isEqualTo(0x18);
        assertThat(authMethod(response)).isEqualTo(METHOD);
        assertThat(authData(response)).isEqualTo("response:nonce-0");
        assertThat(mechanism.calls).containsExactly(mechanism.calls.get(0), "challenge nonce-0", "success server-proof");
        assertThat(mechanism.calls.get(0)).startsWith("initial CONNECT").doesNotContain("mqtt5-io");
    }

    @Test
    void aServerWhoseProofTheMechanismRejectsIsDisconnectedAsNotAuthorized() {
        scriptBroker();
        ChallengeResponse mechanism = new ChallengeResponse();
        mechanism.expectedProof = "another proof";
        s.create(o -> o.enhancedAuthenticator(mechanism)).start();
        ConnectionFailureEvent failure = s.listener.await(ConnectionFailureEvent.class, WAIT);
        assertThat(failure.cause()).isInstanceOf(AuthenticationException.class).hasMessageContaining("rejected");
        assertThat(reason(s.broker.awaitPacket(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0x87);
    }

    @Test
    @Covers({"MQTT-4.12.1-1", "MQTT-4.12.0-5", "MQTT-3.15.2-1"})
    void reauthenticatesOnAnEstablishedConnectionWhileOperationsContinue() throws Exception {
        scriptBroker();
        ChallengeResponse mechanism = new ChallengeResponse();
        s.connect(o -> o.enhancedAuthenticator(mechanism));
        s.broker.awaitPacket(MqttMessageType.AUTH, WAIT);
        CompletableFuture<AuthPacket> done = s.client.reauthenticate();
        s.client.publish(PublishPacket.builder().topic("during").qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        AuthPacket success = done.get(10, TimeUnit.SECONDS);
        assertThat(success.reasonCode()).isEqualTo(AuthReasonCode.SUCCESS);
        MqttMessage start = s.broker.awaitPacket(MqttMessageType.AUTH, WAIT);
        assertThat(reason(start)).isEqualTo(0x19);
        assertThat(authMethod(start)).isEqualTo(METHOD);
        assertThat(authData(start)).isEqualTo("hello-REAUTHENTICATE");
        assertThat(authData(s.broker.awaitPacket(MqttMessageType.AUTH, WAIT))).isEqualTo("response:nonce-re");
        assertThat(s.listener.eventNames()).doesNotContain("Disconnection");
    }

    @Test
    @Covers("MQTT-4.12.1-2")
    void aFailedReauthenticationEndsWithDisconnectNotAuthorized() throws Exception {
        scriptBroker();
        ChallengeResponse mechanism = new ChallengeResponse();
        s.connect(o -> o.enhancedAuthenticator(mechanism));
        mechanism.expectedProof = "a proof this server cannot give";
        CompletableFuture<AuthPacket> done = s.client.reauthenticate();
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(AuthenticationException.class);
        assertThat(reason(s.broker.awaitPacket(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0x87);
        s.listener.await(DisconnectionEvent.class, WAIT);
    }

    @Test
    @Covers("MQTT-4.12.1-1")
    void reauthenticationNeedsAnEstablishedConnection() {
        s.create(o -> o.enhancedAuthenticator(new ChallengeResponse()));
        assertThatThrownBy(() -> s.client.reauthenticate().get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a connection");
        assertThat(s.broker.received()).isEmpty();
    }

    @Test
    void reauthenticateWithoutAnAuthenticatorFails() {
        s.connect(o -> o);
        assertThatThrownBy(() -> s.client.reauthenticate().get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("enhancedAuthenticator");
    }

    @Test
    void anAuthPacketTheClientDidNotAskForIsAProtocolError() {
        s.connect(o -> o);
        s.broker.send(auth(0x18, "unexpected"));
        DisconnectionEvent event = s.listener.await(DisconnectionEvent.class, WAIT);
        assertThat(event.cause()).isInstanceOf(MqttProtocolException.class).hasMessageContaining("AUTH");
        assertThat(reason(s.broker.awaitPacket(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0x82);
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
    }

    @Test
    void authDataNeverAppearsInToString() {
        AuthPacket packet = new AuthPacket(AuthReasonCode.CONTINUE_AUTHENTICATION, METHOD,
                "top-secret".getBytes(StandardCharsets.UTF_8), null, List.of());
        assertThat(packet.toString()).doesNotContain("top-secret").contains(METHOD);
    }
}
