package dev.mqtt5.client.engine;

import static dev.mqtt5.client.engine.ScriptedClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.conformance.Covers;
import dev.mqtt5.client.packet.PayloadFormat;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.testing.BrokerReplies;
import dev.mqtt5.client.testing.LogCapture;
import ch.qos.logback.classic.Level;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A received publish whose Payload Format Indicator says UTF-8 but whose payload is not (MQTT 5.0
 * section 3.3.4): answered with Payload format invalid (0x99) and never delivered.
 */
class InboundPayloadFormatTest {

    private static final byte[] MALFORMED = {(byte) 0xC3, 0x28};

    private final ScriptedClient scripted = new ScriptedClient();

    @AfterEach
    void close() {
        scripted.close();
    }

    private static MqttProperties utf8Indicator() {
        MqttProperties properties = new MqttProperties();
        properties.add(new IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), 1));
        return properties;
    }

    private static int reasonCode(MqttMessage ack) {
        return ((MqttPubReplyMessageVariableHeader) ack.variableHeader()).reasonCode() & 0xFF;
    }

    @Test
    void aMalformedQos1PayloadIsAnsweredWithPubAck0x99AndNotDelivered() throws Exception {
        scripted.connect(b -> b);
        scripted.broker.send(BrokerReplies.publish("t/q1", 1, 5, MALFORMED, utf8Indicator()));
        MqttMessage pubAck = scripted.broker.awaitPacket(MqttMessageType.PUBACK, WAIT);
        assertThat(ScriptedClient.packetId(pubAck)).isEqualTo(5);
        assertThat(reasonCode(pubAck)).isEqualTo(0x99);
        scripted.listener.assertNoPublish(Duration.ofMillis(300));

        // A well-formed one with the indicator, and the same bytes without it, are delivered.
        scripted.broker.send(BrokerReplies.publish("t/q1", 1, 6, "naïve".getBytes(StandardCharsets.UTF_8),
                utf8Indicator()));
        PublishPacket delivered = scripted.listener.awaitPublish(WAIT);
        assertThat(delivered.payloadAsString()).isEqualTo("naïve");
        assertThat(delivered.payloadFormat()).isEqualTo(PayloadFormat.UTF8);
        MqttMessage success = scripted.broker.awaitPacket(MqttMessageType.PUBACK, WAIT);
        assertThat(ScriptedClient.packetId(success)).isEqualTo(6);
        assertThat(reasonCode(success)).isZero();
        scripted.broker.send(BrokerReplies.publish("t/q1", 1, 7, MALFORMED, MqttProperties.NO_PROPERTIES));
        assertThat(scripted.listener.awaitPublish(WAIT).payload()).isEqualTo(MALFORMED);
        assertThat(scripted.client.state()).isEqualTo(ClientState.CONNECTED);
    }

    @Test
    @Covers("MQTT-4.3.3-9")
    void aMalformedQos2PayloadIsAnsweredWithPubRec0x99AndItsIdentifierThenCarriesANewMessage() throws Exception {
        scripted.broker.noReply(MqttMessageType.PUBREC); // the test sends each PUBREL itself
        scripted.connect(b -> b);
        scripted.broker.send(BrokerReplies.publish("t/q2", 2, 9, MALFORMED, utf8Indicator()));
        MqttMessage pubRec = scripted.broker.awaitPacket(MqttMessageType.PUBREC, WAIT);
        assertThat(ScriptedClient.packetId(pubRec)).isEqualTo(9);
        assertThat(reasonCode(pubRec)).isEqualTo(0x99);
        scripted.listener.assertNoPublish(Duration.ofMillis(300));

        // A PUBREC of 0x80 or more ends the flow: the identifier at once carries a new message, which is
        // delivered, not taken for a duplicate of the refused one.
        scripted.broker.send(BrokerReplies.publish("t/q2", 2, 9, "fresh".getBytes(StandardCharsets.UTF_8),
                utf8Indicator()));
        assertThat(scripted.listener.awaitPublish(WAIT).payloadAsString()).isEqualTo("fresh");
        MqttMessage accepted = scripted.broker.awaitPacket(MqttMessageType.PUBREC, WAIT);
        assertThat(ScriptedClient.packetId(accepted)).isEqualTo(9);
        assertThat(reasonCode(accepted)).isZero();
        scripted.broker.send(BrokerReplies.ack(MqttMessageType.PUBREL, 9));
        MqttMessage pubComp = scripted.broker.awaitPacket(MqttMessageType.PUBCOMP, WAIT);
        assertThat(ScriptedClient.packetId(pubComp)).isEqualTo(9);
        assertThat(reasonCode(pubComp)).isZero();

        // A server that sends PUBREL after a refusal anyway still gets a PUBCOMP (with the reason code the
        // client gives any PUBREL for an identifier it does not hold), and the connection stays up.
        scripted.broker.send(BrokerReplies.publish("t/q2", 2, 10, MALFORMED, utf8Indicator()));
        assertThat(reasonCode(scripted.broker.awaitPacket(MqttMessageType.PUBREC, WAIT))).isEqualTo(0x99);
        scripted.broker.send(BrokerReplies.ack(MqttMessageType.PUBREL, 10));
        assertThat(ScriptedClient.packetId(scripted.broker.awaitPacket(MqttMessageType.PUBCOMP, WAIT))).isEqualTo(10);
        scripted.listener.assertNoPublish(Duration.ofMillis(200));
        assertThat(scripted.client.state()).isEqualTo(ClientState.CONNECTED);
    }

    @Test
    void refusalsLeaveInTheOrderThePublishesArrived() throws Exception {
        // The listener holds the first publish's PUBACK back; the refusal behind it must wait its turn.
        CountDownLatch release = new CountDownLatch(1);
        scripted.connect(b -> b.publishReceivedListener((publish, ack) -> new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ack.acknowledge();
        }).start()));
        scripted.broker.send(BrokerReplies.publish("t/order", 1, 1, "first".getBytes(), utf8Indicator()));
        scripted.broker.send(BrokerReplies.publish("t/order", 1, 2, MALFORMED, utf8Indicator()));
        Thread.sleep(300);
        assertThat(scripted.broker.received().stream().filter(m -> m.fixedHeader().messageType()
                == MqttMessageType.PUBACK)).isEmpty();
        release.countDown();
        MqttMessage first = scripted.broker.awaitPacket(MqttMessageType.PUBACK, WAIT);
        MqttMessage second = scripted.broker.awaitPacket(MqttMessageType.PUBACK, WAIT);
        assertThat(List.of(ScriptedClient.packetId(first), reasonCode(first))).containsExactly(1, 0);
        assertThat(List.of(ScriptedClient.packetId(second), reasonCode(second))).containsExactly(2, 0x99);
    }

    @Test
    void aMalformedQos0PayloadIsDroppedWithOneWarningLineNamingTheTopicAndRepeatsAreSummarised() throws Exception {
        scripted.connect(b -> b);
        try (LogCapture log = LogCapture.of("dev.mqtt5.client.Mqtt5Client")) {
            for (int i = 0; i < 5; i++) {
                scripted.broker.send(BrokerReplies.publish("t/q0\nforged", 0, 0, MALFORMED, utf8Indicator()));
            }
            scripted.broker.send(BrokerReplies.publish("t/next", 0, 0, "after".getBytes(), utf8Indicator()));
            // Received in order: once the next one is delivered, the first ones were handled.
            assertThat(scripted.listener.awaitPublish(WAIT).topic()).isEqualTo("t/next");
            // Five refusals within a minute: one line, the first (the rest are counted for the next line).
            List<String> lines = log.messages(Level.WARN);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).startsWith("MQTT client 'scripted' did not deliver a QoS 0 publish on topic "
                    + "'t/q0\\nforged' from " + scripted.broker.host() + ":" + scripted.broker.port())
                    .contains("byte offset 0", "dropped").doesNotContain("\n" + "forged");
        }
        scripted.listener.assertNoPublish(Duration.ofMillis(200));
    }
}
