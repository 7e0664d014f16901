package dev.mqtt5.client.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.OperationStatistics;
import dev.mqtt5.client.RecordingListener;
import dev.mqtt5.client.config.JitterMode;
import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.conformance.Covers;
import dev.mqtt5.client.exception.ClientStoppedException;
import dev.mqtt5.client.exception.ConnectionRefusedException;
import dev.mqtt5.client.exception.MqttConnectionException;
import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.exception.PublishFailedException;
import dev.mqtt5.client.exception.ServerDisconnectedException;
import dev.mqtt5.client.exception.SubscribeFailedException;
import dev.mqtt5.client.lifecycle.AttemptingConnectEvent;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.lifecycle.StoppedEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.ConnectReasonCode;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import dev.mqtt5.client.packet.PubAckReasonCode;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubAckReasonCode;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.testing.BrokerReplies;
import dev.mqtt5.client.testing.FakeBroker;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Engine behaviour against a broker whose every reply the test scripts. */
class ScriptedBrokerTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeBroker broker = new FakeBroker();
    private final RecordingListener listener = new RecordingListener();
    private Mqtt5Client client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        broker.close();
    }

    private Mqtt5ClientOptions.Builder options() {
        return Mqtt5ClientOptions.builder().hostName(broker.host()).port(broker.port())
                .connectOptions(ConnectPacket.builder().clientId("engine-test").build())
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(50))
                        .maxDelay(Duration.ofMillis(200)).jitterMode(JitterMode.NONE).build())
                .lifecycleListener(listener).publishReceivedListener(listener);
    }

    private Mqtt5Client start(Mqtt5ClientOptions.Builder builder) {
        client = new Mqtt5Client(builder.build());
        client.start();
        return client;
    }

    @ParameterizedTest
    @EnumSource(value = ConnectReasonCode.class, mode = EnumSource.Mode.EXCLUDE, names = "SUCCESS")
    void refusedConnAckIsReportedWithTheCodeAndTheClientTriesAgain(ConnectReasonCode code) {
        broker.onConnect((index, connect) -> index == 0
                ? BrokerReplies.connAck().reasonCode(code.code()).reasonString("no " + code).build()
                : BrokerReplies.connAck().build());
        start(options());
        listener.await(AttemptingConnectEvent.class, WAIT);
        ConnectionFailureEvent failure = listener.await(ConnectionFailureEvent.class, WAIT);
        assertThat(failure.connAck().reasonCode()).isEqualTo(code);
        assertThat(failure.connAck().reasonString()).isEqualTo("no " + code);
        assertThat(failure.cause()).isInstanceOf(ConnectionRefusedException.class)
                .hasMessageContaining(code.name()).hasMessageContaining("no " + code);
        listener.await(ConnectionSuccessEvent.class, WAIT);
        assertThat(listener.eventNames()).containsExactly("AttemptingConnect", "ConnectionFailure",
                "AttemptingConnect", "ConnectionSuccess");
    }

    @Test
    void connAckTimeoutFailsTheAttempt() {
        broker.onConnect((index, connect) -> index == 0 ? null : BrokerReplies.connAck().build());
        start(options().connackTimeout(Duration.ofMillis(300)));
        ConnectionFailureEvent failure = listener.await(ConnectionFailureEvent.class, WAIT);
        assertThat(failure.cause()).isInstanceOf(MqttConnectionException.class).hasMessageContaining("no CONNACK");
        assertThat(failure.connAck()).isNull();
        listener.await(ConnectionSuccessEvent.class, WAIT);
    }

    @Test
    void keepsReconnectingWhenTheVeryFirstAttemptFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        start(options().port(closedPort));
        for (int i = 0; i < 3; i++) {
            assertThat(listener.await(ConnectionFailureEvent.class, WAIT).cause())
                    .hasMessageContaining("127.0.0.1:" + closedPort);
        }
        client.stop().get(10, TimeUnit.SECONDS);
        listener.await(StoppedEvent.class, WAIT);
        assertThat(client.state()).isEqualTo(ClientState.STOPPED);
    }

    @Test
    @Covers("MQTT-3.1.2-20")
    void sendsPingsAtTheKeepAliveAndDisconnectsWhenPingRespNeverComes() {
        broker.noReply(MqttMessageType.PINGREQ);
        start(options().connectOptions(ConnectPacket.builder().clientId("k").keepAlive(Duration.ofSeconds(1)).build()));
        listener.await(ConnectionSuccessEvent.class, WAIT);
        broker.awaitPacket(MqttMessageType.PINGREQ, WAIT);
        DisconnectionEvent disconnection = listener.await(DisconnectionEvent.class, WAIT);
        assertThat(disconnection.cause()).hasMessageContaining("no PINGRESP");
        assertThat(disconnection.disconnect()).isNull();
    }

    @Test
    @Covers({"MQTT-3.1.2-21", "MQTT-3.2.2-21"})
    void serverKeepAliveFromConnAckReplacesTheClientsKeepAlive() {
        broker.onConnect((index, connect) -> BrokerReplies.connAck().serverKeepAlive(1).build());
        start(options().connectOptions(ConnectPacket.builder().clientId("k").keepAlive(Duration.ofSeconds(600)).build()));
        ConnectionSuccessEvent success = listener.await(ConnectionSuccessEvent.class, WAIT);
        assertThat(success.settings().serverKeepAlive()).isEqualTo(Duration.ofSeconds(1));
        broker.awaitPacket(MqttMessageType.PINGREQ, Duration.ofSeconds(3));
        broker.awaitPacket(MqttMessageType.PINGREQ, Duration.ofSeconds(3));
    }

    @Test
    void serverDisconnectIsReportedWithThePacketAndTheClientReconnects() {
        start(options());
        listener.await(ConnectionSuccessEvent.class, WAIT);
        broker.send(BrokerReplies.disconnect(0x8E, "someone else took it"));
        DisconnectionEvent event = listener.await(DisconnectionEvent.class, WAIT);
        assertThat(event.disconnect().reasonCode()).isEqualTo(DisconnectReasonCode.SESSION_TAKEN_OVER);
        assertThat(event.disconnect().reasonString()).isEqualTo("someone else took it");
        assertThat(event.cause()).isInstanceOf(ServerDisconnectedException.class)
                .hasMessageContaining("another client connected with the same client identifier");
        listener.await(ConnectionSuccessEvent.class, WAIT);
    }

    @Test
    @Covers("MQTT-3.1.3-2")
    void assignedClientIdentifierIsUsedOnEveryReconnect() {
        broker.onConnect((index, connect) -> BrokerReplies.connAck().assignedClientId("assigned-7").build());
        start(options().connectOptions(ConnectPacket.builder().clientId("").build()));
        ConnectionSuccessEvent success = listener.await(ConnectionSuccessEvent.class, WAIT);
        assertThat(success.settings().clientId()).isEqualTo("assigned-7");
        assertThat(broker.awaitConnect(WAIT).payload().clientIdentifier()).isEmpty();
        broker.dropConnection();
        listener.await(DisconnectionEvent.class, WAIT);
        listener.await(ConnectionSuccessEvent.class, WAIT);
        MqttConnectMessage second = broker.awaitConnect(WAIT);
        assertThat(second.payload().clientIdentifier()).isEqualTo("assigned-7");
        assertThat(second.variableHeader().isCleanSession()).isFalse();
    }

    @Test
    @Covers({"MQTT-3.2.2-11", "MQTT-3.2.2-14", "MQTT-3.2.2-15"})
    void negotiatedSettingsTakeTheServersValuesAndTheDefaults() {
        broker.onConnect((index, connect) -> BrokerReplies.connAck().receiveMaximum(3).maximumQos(1)
                .retainAvailable(false).maximumPacketSize(1000).topicAliasMaximum(5).build());
        start(options());
        ConnectionSuccessEvent success = listener.await(ConnectionSuccessEvent.class, WAIT);
        assertThat(success.settings().receiveMaximumFromServer()).isEqualTo(3);
        assertThat(success.settings().maximumQos()).isEqualTo(QoS.AT_LEAST_ONCE);
        assertThat(success.settings().retainAvailable()).isFalse();
        assertThat(success.settings().maximumPacketSizeToServer()).isEqualTo(1000);
        assertThat(success.settings().topicAliasMaximumToServer()).isEqualTo(5);
        assertThat(success.settings().wildcardSubscriptionsAvailable()).isTrue();
        assertThat(success.settings().sharedSubscriptionsAvailable()).isTrue();
        assertThat(success.settings().rejoinedSession()).isFalse();
        assertThat(success.settings().clientId()).isEqualTo("engine-test");

        assertThatThrownBy(() -> client.publish(PublishPacket.builder().topic("a").qos(QoS.EXACTLY_ONCE).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum QoS");
        assertThatThrownBy(() -> client.publish(PublishPacket.builder().topic("a").retain(true).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retain");
        CompletableFuture<?> tooBig = client.publish(PublishPacket.builder().topic("a").payload(new byte[2000]).build());
        assertThatThrownBy(tooBig::join).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Maximum Packet Size of 1000");
    }

    @Test
    @Covers("MQTT-3.14.2-1")
    void malformedPacketClosesWithDisconnect0x81AndSaysWhatWasWrong() {
        start(options());
        listener.await(ConnectionSuccessEvent.class, WAIT);
        // A PUBACK (0x40) whose remaining length 2 is followed by packet id 0.
        broker.sendRaw(new byte[] {0x40, 0x02, 0x00, 0x00});
        DisconnectionEvent event = listener.await(DisconnectionEvent.class, WAIT);
        assertThat(event.cause()).isInstanceOf(MqttProtocolException.class);
        MqttMessage disconnect = broker.awaitPacket(MqttMessageType.DISCONNECT, WAIT);
        MqttReasonCodeAndPropertiesVariableHeader header =
                (MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader();
        int code = header.reasonCode() & 0xFF;
        assertThat(code).isIn(0x81, 0x82);
        assertThat(code).isEqualTo(((MqttProtocolException) event.cause()).reasonCode().code());
        MqttProperties.MqttProperty<?> reason = header.properties().getProperty(0x1F);
        assertThat(reason).isNotNull();
        assertThat((String) reason.value()).isEqualTo(event.cause().getMessage());
        listener.await(ConnectionSuccessEvent.class, WAIT);
    }

    @Test
    void packetTypeTheClientMustNeverReceiveIsAProtocolViolation() {
        start(options());
        listener.await(ConnectionSuccessEvent.class, WAIT);
        broker.sendRaw(new byte[] {(byte) 0xC0, 0x00}); // PINGREQ, server to client
        DisconnectionEvent event = listener.await(DisconnectionEvent.class, WAIT);
        assertThat(event.cause()).isInstanceOf(MqttProtocolException.class).hasMessageContaining("PINGREQ");
    }

    @Test
    void failedPubAckCompletesTheFutureExceptionallyWithTheAck() {
        broker.reply(MqttMessageType.PUBLISH, received -> BrokerReplies.ack(MqttMessageType.PUBACK,
                ((MqttPublishMessage) received).variableHeader().packetId(), 0x87, "not for you"));
        start(options());
        listener.await(ConnectionSuccessEvent.class, WAIT);
        CompletableFuture<?> result = client.publish(PublishPacket.builder().topic("a/b").qos(QoS.AT_LEAST_ONCE).build());
        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(PublishFailedException.class).hasMessageContaining("not for you")
                .satisfies(e -> assertThat(((PublishFailedException) e).result().pubAck().reasonCode())
                        .isEqualTo(PubAckReasonCode.NOT_AUTHORIZED));
        assertThat(client.operationStatistics()).isEqualTo(OperationStatistics.EMPTY);
    }

    @Test
    void refusedSubscriptionFailsTheFutureWithTheSubAck() {
        broker.reply(MqttMessageType.SUBSCRIBE, received -> BrokerReplies.subAck(
                (io.netty.handler.codec.mqtt.MqttSubscribeMessage) received, 0x87));
        start(options());
        listener.await(ConnectionSuccessEvent.class, WAIT);
        CompletableFuture<?> subAck = client.subscribe(SubscribePacket.of("x/#", QoS.AT_LEAST_ONCE));
        assertThatThrownBy(() -> subAck.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(SubscribeFailedException.class)
                .satisfies(e -> assertThat(((SubscribeFailedException) e).subAck().reasonCodes())
                        .containsExactly(SubAckReasonCode.NOT_AUTHORIZED));
    }

    @Test
    @Covers({"MQTT-3.3.4-1", "MQTT-4.3.3-10", "MQTT-4.3.3-12"})
    void duplicateQos2PublishIsDeliveredOnceAndReleasedWithPubComp() throws Exception {
        broker.noReply(MqttMessageType.PUBREC);
        start(options());
        listener.await(ConnectionSuccessEvent.class, WAIT);
        byte[] payload = "once".getBytes();
        broker.send(BrokerReplies.publish("q2/t", 2, 7, payload, MqttProperties.NO_PROPERTIES));
        broker.awaitPacket(MqttMessageType.PUBREC, WAIT);
        // The same packet id again before PUBREL: a duplicate, acknowledged again but not delivered again.
        broker.send(BrokerReplies.publish("q2/t", 2, 7, payload, MqttProperties.NO_PROPERTIES));
        broker.awaitPacket(MqttMessageType.PUBREC, WAIT);
        broker.send(BrokerReplies.ack(MqttMessageType.PUBREL, 7));
        MqttMessage pubComp = broker.awaitPacket(MqttMessageType.PUBCOMP, WAIT);
        assertThat(((io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader) pubComp.variableHeader())
                .reasonCode()).isZero();
        assertThat(listener.awaitPublish(WAIT).payloadAsString()).isEqualTo("once");
        listener.assertNoPublish(Duration.ofMillis(300));
        // After PUBREL the identifier is free: the same id now carries a new message.
        broker.send(BrokerReplies.publish("q2/t", 2, 7, "next".getBytes(), MqttProperties.NO_PROPERTIES));
        assertThat(listener.awaitPublish(WAIT).payloadAsString()).isEqualTo("next");
    }

    @Test
    void aPubRelThatOvertakesItsPubRecsIsAnsweredAfterThemAndTheMessageIsDeliveredOnce() throws Exception {
        broker.noReply(MqttMessageType.PUBREC);
        CountDownLatch handlerMayReturn = new CountDownLatch(1);
        List<PublishPacket> delivered = new CopyOnWriteArrayList<>();
        start(options().connectOptions(ConnectPacket.builder().clientId("qos2-order").receiveMaximum(1).build())
                .publishReceivedListener(publish -> {
                    delivered.add(publish);
                    try {
                        handlerMayReturn.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        listener.await(ConnectionSuccessEvent.class, WAIT);
        // One write, read in one burst while the handler blocks: PUBLISH 7, its duplicate, a PUBREL
        // that did not wait for the PUBREC, and a PUBREL for no flow, which is answered at once.
        broker.sendRaw(concat(qos2Publish(7, false, "once"), qos2Publish(7, true, "once"), pubRel(7), pubRel(99)));
        MqttMessage notFound = broker.awaitPacket(MqttMessageType.PUBCOMP, WAIT);
        assertThat(ScriptedClient.packetId(notFound)).isEqualTo(99);
        assertThat(((MqttPubReplyMessageVariableHeader) notFound.variableHeader()).reasonCode()).isEqualTo((byte) 0x92);
        assertThat(acksOf(7)).isEmpty();

        handlerMayReturn.countDown();
        Awaitility.await().atMost(WAIT).until(() -> acksOf(7).size() >= 3);
        Thread.sleep(200);
        assertThat(acksOf(7)).containsExactly("PUBREC", "PUBREC", "PUBCOMP");
        assertThat(delivered).extracting(PublishPacket::payloadAsString).containsExactly("once");
        // The flow ended with its PUBCOMP: with Receive Maximum 1 the next message fits.
        broker.sendRaw(qos2Publish(8, false, "next"));
        Awaitility.await().atMost(WAIT).until(() -> delivered.size() == 2);
        assertThat(delivered.get(1).payloadAsString()).isEqualTo("next");
        assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
    }

    /** The publish acknowledgements the client sent for a packet identifier, in order. */
    private List<String> acksOf(int packetId) {
        return broker.received().stream()
                .filter(m -> m.fixedHeader().messageType() == MqttMessageType.PUBREC
                        || m.fixedHeader().messageType() == MqttMessageType.PUBCOMP)
                .filter(m -> ScriptedClient.packetId(m) == packetId)
                .map(m -> m.fixedHeader().messageType().name()).toList();
    }

    /** A QoS 2 PUBLISH to {@code q2/order} without properties: 0x34 (0x3C with DUP), length, topic, id, 0, payload. */
    private static byte[] qos2Publish(int packetId, boolean dup, String payload) {
        byte[] topic = "q2/order".getBytes(StandardCharsets.UTF_8);
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(2 + 2 + topic.length + 3 + body.length);
        bytes.put((byte) (dup ? 0x3C : 0x34)).put((byte) (2 + topic.length + 3 + body.length));
        bytes.putShort((short) topic.length).put(topic).putShort((short) packetId).put((byte) 0).put(body);
        return bytes.array();
    }

    /** A PUBREL with reason Success and no properties: 0x62, length 2, the id. */
    private static byte[] pubRel(int packetId) {
        return new byte[] {0x62, 0x02, (byte) (packetId >> 8), (byte) packetId};
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    @Test
    void stopFailsPendingOperationsAndEndsWithStopped() throws Exception {
        broker.noReply(MqttMessageType.PUBLISH);
        start(options());
        listener.await(ConnectionSuccessEvent.class, WAIT);
        CompletableFuture<?> pending = client.publish(PublishPacket.builder().topic("a").qos(QoS.AT_LEAST_ONCE).build());
        broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        client.stop().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(pending::join).hasCauseInstanceOf(ClientStoppedException.class);
        listener.await(StoppedEvent.class, WAIT);
        assertThat(listener.eventNames()).containsExactly("AttemptingConnect", "ConnectionSuccess", "Disconnection",
                "Stopped");
        assertThat(broker.awaitPacket(MqttMessageType.DISCONNECT, WAIT).variableHeader()).isNotNull();
        assertThat(client.operationStatistics()).isEqualTo(OperationStatistics.EMPTY);
    }

    @Test
    void aStoppedClientStartsAgainWithACleanSession() throws Exception {
        start(options().connectOptions(ConnectPacket.builder().clientId("again-" + UUID.randomUUID()).build()));
        listener.await(ConnectionSuccessEvent.class, WAIT);
        assertThat(broker.awaitConnect(WAIT).variableHeader().isCleanSession()).isTrue();
        client.stop().get(10, TimeUnit.SECONDS);
        client.start();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        assertThat(broker.awaitConnect(WAIT).variableHeader().isCleanSession()).isTrue();
    }

    @Test
    void aPublishTheServerMarksAsARedeliveryIsDeliveredWithDuplicateSet() {
        start(options());
        listener.await(ConnectionSuccessEvent.class, WAIT);
        MqttPublishMessage first = BrokerReplies.publish("dup/t", 1, 3, "x".getBytes(), MqttProperties.NO_PROPERTIES);
        broker.send(first);
        assertThat(listener.awaitPublish(WAIT).duplicate()).isFalse();
        MqttPublishMessage again = BrokerReplies.publish("dup/t", 1, 4, "x".getBytes(), MqttProperties.NO_PROPERTIES);
        broker.send(new MqttPublishMessage(new io.netty.handler.codec.mqtt.MqttFixedHeader(MqttMessageType.PUBLISH, true,
                io.netty.handler.codec.mqtt.MqttQoS.AT_LEAST_ONCE, false, 0), again.variableHeader(), again.payload()));
        assertThat(listener.awaitPublish(WAIT).duplicate()).isTrue();
    }
}
