package dev.mqtt5.client.engine;

import static dev.mqtt5.client.engine.ScriptedClient.WAIT;
import static dev.mqtt5.client.engine.ScriptedClient.packetId;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.mqtt5.client.PublishReceivedListener;
import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.engine.StandingRoutesTest.Handler;
import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import dev.mqtt5.client.testing.BrokerReplies;
import dev.mqtt5.client.testing.LogCapture;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * QoS 1 and 2 publishes that no handler or listener takes: acknowledged at once by default,
 * withheld with {@code acknowledgeUnroutedPublishes(false)} so that the server sends them again.
 */
class UnroutedPublishesTest {

    private static final String LOGGER = "dev.mqtt5.client.Mqtt5Client";

    private final ScriptedClient s = new ScriptedClient();

    @AfterEach
    void tearDown() {
        s.close();
    }

    private static MqttMessage publish(String topic, int qos, int packetId) {
        return BrokerReplies.publish(topic, qos, packetId, topic.getBytes(), MqttProperties.NO_PROPERTIES);
    }

    private List<Integer> acks(MqttMessageType type) {
        return s.broker.received().stream().filter(m -> m.fixedHeader().messageType() == type)
                .map(ScriptedClient::packetId).toList();
    }

    @Test
    void byDefaultAPublishNothingTakesIsAcknowledgedAtOnceWithoutWarning() throws Exception {
        try (LogCapture log = LogCapture.of(LOGGER)) {
            s.connect(o -> o.publishReceivedListener((PublishReceivedListener) null));
            s.broker.send(publish("nobody/1", 1, 1));
            s.broker.send(publish("nobody/2", 2, 2));
            assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(1);
            assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBREC, WAIT))).isEqualTo(2);
            assertThat(log.messages(Level.WARN)).isEmpty();
        }
    }

    @Test
    void aWithheldQos1PublishGetsNoPubAckAndDoesNotHoldBackTheNextOnesPubAck() throws Exception {
        try (LogCapture log = LogCapture.of(LOGGER)) {
            s.connect(o -> o.publishReceivedListener((PublishReceivedListener) null).acknowledgeUnroutedPublishes(false));
            Handler handler = new Handler(true);
            s.client.addHandler(List.of("routed/#"), handler);
            s.broker.send(publish("stale/x", 1, 1));
            s.broker.send(publish("stale/q0", 0, 0));
            s.broker.send(publish("routed/y", 1, 2));
            for (int id = 3; id <= 6; id++) {
                s.broker.send(publish("stale/x", 1, id));
            }
            assertThat(handler.await().topic()).isEqualTo("routed/y");
            assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(2);
            Thread.sleep(300);
            assertThat(acks(MqttMessageType.PUBACK)).containsExactly(2);
            // Five withheld within the summary interval: one line, the first; QoS 0 is dropped without a line.
            assertThat(log.messages(Level.WARN)).singleElement().asString()
                    .isEqualTo("MQTT client 'scripted' withheld a QoS 1 publish on topic 'stale/x' that no handler or "
                            + "listener takes: not acknowledged; the server sends it again on the next connection of "
                            + "the session (acknowledgeUnroutedPublishes=false)");
            assertThat(log.events(Level.WARN).get(0).getThrowableProxy()).isNull();
        }
    }

    @Test
    void aWithheldPublishHoldsAReceiveMaximumSlotUntilTheConnectionEnds() throws Exception {
        s.connect(o -> o.publishReceivedListener((PublishReceivedListener) null).acknowledgeUnroutedPublishes(false)
                .connectOptions(ConnectPacket.builder().clientId("scripted").receiveMaximum(2).build()));
        Handler handler = new Handler(true);
        s.client.addHandler(List.of("routed/#"), handler);
        s.broker.send(publish("stale/1", 1, 1));
        s.broker.send(publish("stale/2", 2, 2));
        // Nothing acknowledged, two in flight for the server: a third exceeds the client's Receive Maximum.
        s.broker.send(publish("routed/3", 1, 3));
        DisconnectionEvent exceeded = s.listener.await(DisconnectionEvent.class, WAIT);
        assertThat(((MqttProtocolException) exceeded.cause()).reasonCode())
                .isEqualTo(DisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
        handler.assertNothing(Duration.ofMillis(100));

        // A new connection frees the slots: one withheld and one routed fit, and nothing ends the connection.
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        s.broker.send(publish("stale/1", 1, 1));
        s.broker.send(publish("routed/3", 1, 3));
        assertThat(handler.await().topic()).isEqualTo("routed/3");
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(3);
        Thread.sleep(200);
        assertThat(s.listener.history().stream().filter(DisconnectionEvent.class::isInstance)).hasSize(1);
        assertThat(acks(MqttMessageType.PUBACK)).containsExactly(3);
        assertThat(acks(MqttMessageType.PUBREC)).isEmpty();
    }

    @Test
    void aWithheldQos2PublishIsDeliveredAsNewWhenTheServerSendsItAgainOnTheNextConnection() throws Exception {
        s.broker.onConnect((index, connect) -> BrokerReplies.connAck().sessionPresent(true).build());
        s.connect(o -> o.publishReceivedListener((PublishReceivedListener) null).acknowledgeUnroutedPublishes(false)
                .sessionBehavior(SessionBehavior.REJOIN_ALWAYS)
                .connectOptions(ConnectPacket.builder().clientId("scripted").sessionExpiryInterval(Duration.ofHours(1))
                        .build()));
        s.broker.send(publish("late/x", 2, 5));
        Thread.sleep(300);
        assertThat(acks(MqttMessageType.PUBREC)).isEmpty();

        Handler handler = new Handler(true);
        s.client.addHandler(List.of("late/#"), handler);
        s.broker.dropConnection();
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        // The server's resend of the unacknowledged PUBLISH: same packet identifier, DUP set.
        s.broker.send(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, true, MqttQoS.EXACTLY_ONCE,
                false, 0), new MqttPublishVariableHeader("late/x", 5, MqttProperties.NO_PROPERTIES),
                Unpooled.wrappedBuffer("late/x".getBytes())));
        assertThat(handler.await().topic()).as("delivered, not taken for a duplicate").isEqualTo("late/x");
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBREC, WAIT))).isEqualTo(5);
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBCOMP, WAIT))).isEqualTo(5);
    }
}
