package dev.mqtt5.client.engine;

import static dev.mqtt5.client.engine.ScriptedClient.WAIT;
import static dev.mqtt5.client.engine.ScriptedClient.packetId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.conformance.Covers;
import dev.mqtt5.client.exception.ClientStoppedException;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.testing.BrokerReplies;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Operations queued before or across connections meet the limits of the connection they are sent on. */
class QueuedOperationsTest {

    private final ScriptedClient s = new ScriptedClient();

    @AfterEach
    void tearDown() {
        s.close();
    }

    private long received(MqttMessageType type) {
        return s.broker.received().stream().filter(m -> m.fixedHeader().messageType() == type).count();
    }

    @Test
    @Covers("MQTT-3.3.4-8")
    void subscribesGoAheadOfPublishesThatWaitForSendQuota() throws Exception {
        s.broker.onConnect((index, connect) -> BrokerReplies.connAck().receiveMaximum(1).build());
        s.broker.noReply(MqttMessageType.PUBLISH);
        s.connect(o -> o);
        s.client.publish(PublishPacket.builder().topic("q").qos(QoS.AT_LEAST_ONCE).build());
        s.client.publish(PublishPacket.builder().topic("q").qos(QoS.AT_LEAST_ONCE).build());
        CompletableFuture<SubAckPacket> subAck = s.client.subscribe(SubscribePacket.of("after", QoS.AT_LEAST_ONCE));
        assertThat(subAck.get(10, TimeUnit.SECONDS).reasonCodes()).hasSize(1);
        assertThat(received(MqttMessageType.PUBLISH)).isEqualTo(1);
    }

    @Test
    @Covers("MQTT-3.2.2-11")
    void aPublishQueuedAboveTheServersMaximumQosFailsInsteadOfBeingSent() {
        s.broker.onConnect((index, connect) -> BrokerReplies.connAck().maximumQos(1).build());
        s.create(o -> o);
        CompletableFuture<PublishResult> qos2 = s.client.publish(PublishPacket.builder().topic("q").qos(QoS.EXACTLY_ONCE).build());
        CompletableFuture<PublishResult> qos1 = s.client.publish(PublishPacket.builder().topic("q").qos(QoS.AT_LEAST_ONCE).build());
        s.client.start();
        assertThatThrownBy(() -> qos2.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Maximum QoS 1");
        assertThat(qos1.join().pubAck()).isNotNull();
        assertThat(s.broker.received()).noneMatch(m -> m instanceof MqttPublishMessage p
                && p.fixedHeader().qosLevel().value() == 2);
    }

    @Test
    @Covers("MQTT-3.2.2-14")
    void aRetainedPublishQueuedForAServerWithoutRetainFailsInsteadOfBeingSent() {
        s.broker.onConnect((index, connect) -> BrokerReplies.connAck().retainAvailable(false).build());
        s.create(o -> o);
        CompletableFuture<PublishResult> retained = s.client.publish(PublishPacket.builder().topic("r").retain(true)
                .qos(QoS.AT_LEAST_ONCE).build());
        s.client.start();
        assertThatThrownBy(() -> retained.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Retain Available 0");
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        assertThat(received(MqttMessageType.PUBLISH)).isZero();
    }

    @Test
    @Covers({"MQTT-3.2.2-4", "MQTT-4.4.0-1", "MQTT-4.3.3-10"})
    void rejoinAlwaysKeepsQos2StateAcrossStopAndStartAndFinishesTheFlows() throws Exception {
        s.broker.onConnect((index, connect) -> BrokerReplies.connAck().sessionPresent(index > 0).build());
        s.broker.noReply(MqttMessageType.PUBLISH);
        s.broker.noReply(MqttMessageType.PUBREC);
        s.connect(o -> o.sessionBehavior(SessionBehavior.REJOIN_ALWAYS));
        CompletableFuture<PublishResult> outbound = s.client.publish(PublishPacket.builder().topic("out")
                .qos(QoS.EXACTLY_ONCE).build());
        int outboundId = packetId(s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT));
        s.broker.send(BrokerReplies.publish("in", 2, 9, "once".getBytes(), MqttProperties.NO_PROPERTIES));
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBREC, WAIT))).isEqualTo(9);
        assertThat(s.listener.awaitPublish(WAIT).payloadAsString()).isEqualTo("once");

        s.client.stop().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(outbound::join).hasCauseInstanceOf(ClientStoppedException.class);
        s.broker.defaultReply(MqttMessageType.PUBLISH);
        s.client.start();
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        // The unfinished outbound flow is resent with its id and DUP, and completed.
        MqttPublishMessage resent = (MqttPublishMessage) s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        assertThat(resent.variableHeader().packetId()).isEqualTo(outboundId);
        assertThat(resent.fixedHeader().isDup()).isTrue();
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBREL, WAIT))).isEqualTo(outboundId);
        // The server resends its QoS 2 publish: acknowledged again, not delivered again.
        MqttPublishMessage again = BrokerReplies.publish("in", 2, 9, "once".getBytes(), MqttProperties.NO_PROPERTIES);
        s.broker.send(new MqttPublishMessage(new io.netty.handler.codec.mqtt.MqttFixedHeader(MqttMessageType.PUBLISH,
                true, io.netty.handler.codec.mqtt.MqttQoS.EXACTLY_ONCE, false, 0), again.variableHeader(), again.payload()));
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBREC, WAIT))).isEqualTo(9);
        s.listener.assertNoPublish(Duration.ofMillis(300));
        MqttMessage pubRel = BrokerReplies.ack(MqttMessageType.PUBREL, 9);
        s.broker.send(pubRel);
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBCOMP, WAIT))).isEqualTo(9);
    }
}
