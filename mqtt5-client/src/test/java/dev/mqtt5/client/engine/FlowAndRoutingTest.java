package dev.mqtt5.client.engine;

import static dev.mqtt5.client.engine.ScriptedClient.WAIT;
import static dev.mqtt5.client.engine.ScriptedClient.packetId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.Acknowledgement;
import dev.mqtt5.client.config.FlowControlOptions;
import dev.mqtt5.client.config.TopicAliasingOptions;
import dev.mqtt5.client.conformance.Covers;
import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.UnsubscribePacket;
import dev.mqtt5.client.testing.BrokerReplies;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Receive Maximum, packet size limits, topic aliases, flow control, manual acks and per-subscription handlers. */
class FlowAndRoutingTest {

    private final ScriptedClient s = new ScriptedClient();

    @AfterEach
    void tearDown() {
        s.close();
    }

    private static MqttProperties props(MqttProperties.MqttProperty<?>... properties) {
        MqttProperties all = new MqttProperties();
        for (MqttProperties.MqttProperty<?> p : properties) {
            all.add(p);
        }
        return all;
    }

    private static MqttProperties.IntegerProperty alias(int alias) {
        return new MqttProperties.IntegerProperty(0x23, alias);
    }

    private static int disconnectCode(MqttMessage disconnect) {
        return ((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xFF;
    }

    private static int aliasOf(MqttPublishMessage publish) {
        MqttProperties.MqttProperty<?> alias = publish.variableHeader().properties().getProperty(0x23);
        return alias == null ? 0 : (Integer) alias.value();
    }

    @Test
    @Covers({"MQTT-3.3.4-7", "MQTT-4.9.0-1", "MQTT-4.9.0-2"})
    void neverHasMorePublishesInFlightThanTheServersReceiveMaximum() throws Exception {
        s.broker.onConnect((index, connect) -> BrokerReplies.connAck().receiveMaximum(2).build());
        s.broker.noReply(MqttMessageType.PUBLISH);
        s.connect(o -> o);
        List<CompletableFuture<PublishResult>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(s.client.publish(PublishPacket.builder().topic("rm").payload(new byte[] {(byte) i})
                    .qos(QoS.AT_LEAST_ONCE).build()));
        }
        MqttMessage first = s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        Thread.sleep(200);
        assertThat(publishesReceived()).isEqualTo(2);
        assertThat(s.client.operationStatistics().unackedOperationCount()).isEqualTo(2);
        assertThat(s.client.operationStatistics().incompleteOperationCount()).isEqualTo(5);
        s.broker.send(BrokerReplies.ack(MqttMessageType.PUBACK, packetId(first)));
        s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        Thread.sleep(200);
        assertThat(publishesReceived()).isEqualTo(3);
        s.broker.defaultReply(MqttMessageType.PUBLISH);
        for (MqttMessage m : s.broker.received()) {
            if (m instanceof MqttPublishMessage p && packetId(p) != packetId(first)) {
                s.broker.send(BrokerReplies.ack(MqttMessageType.PUBACK, packetId(p)));
            }
        }
        for (CompletableFuture<PublishResult> r : results) {
            r.get(10, TimeUnit.SECONDS);
        }
        assertThat(publishesReceived()).isEqualTo(5);
    }

    private long publishesReceived() {
        return s.broker.received().stream().filter(m -> m.fixedHeader().messageType() == MqttMessageType.PUBLISH).count();
    }

    @Test
    void morePublishesThanTheClientsReceiveMaximumCloseWith0x93() {
        s.connect(o -> o.connectOptions(ConnectPacket.builder().clientId("rm").receiveMaximum(1).build())
                .publishReceivedListener((publish, ack) -> { /* never acknowledges */ }));
        s.broker.send(BrokerReplies.publish("in", 1, 1, new byte[1], MqttProperties.NO_PROPERTIES));
        s.broker.send(BrokerReplies.publish("in", 1, 2, new byte[1], MqttProperties.NO_PROPERTIES));
        DisconnectionEvent event = s.listener.await(DisconnectionEvent.class, WAIT);
        assertThat(((MqttProtocolException) event.cause()).reasonCode()).isEqualTo(DisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
        assertThat(disconnectCode(s.broker.awaitPacket(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0x93);
    }

    @Test
    void aPacketOverTheClientsMaximumPacketSizeClosesWith0x95() {
        s.connect(o -> o.connectOptions(ConnectPacket.builder().clientId("mps").maximumPacketSize(100L).build()));
        s.broker.send(BrokerReplies.publish("big", 0, 0, new byte[200], MqttProperties.NO_PROPERTIES));
        DisconnectionEvent event = s.listener.await(DisconnectionEvent.class, WAIT);
        assertThat(((MqttProtocolException) event.cause()).reasonCode()).isEqualTo(DisconnectReasonCode.PACKET_TOO_LARGE);
        assertThat(disconnectCode(s.broker.awaitPacket(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0x95);
    }

    @Test
    @Covers({"MQTT-3.3.2-7", "MQTT-3.3.2-10"})
    void inboundTopicAliasesResolveAndInvalidOnesCloseWith0x94() {
        s.connect(o -> o.connectOptions(ConnectPacket.builder().clientId("ta").topicAliasMaximum(2).build()));
        assertThat(s.broker.awaitConnect(WAIT).variableHeader().properties().getProperty(0x22).value()).isEqualTo(2);
        s.broker.send(BrokerReplies.publish("x/y", 0, 0, "1".getBytes(), props(alias(1))));
        s.broker.send(BrokerReplies.publish("", 0, 0, "2".getBytes(), props(alias(1))));
        assertThat(s.listener.awaitPublish(WAIT).topic()).isEqualTo("x/y");
        PublishPacket second = s.listener.awaitPublish(WAIT);
        assertThat(second.topic()).isEqualTo("x/y");
        assertThat(second.payloadAsString()).isEqualTo("2");
        s.broker.send(BrokerReplies.publish("", 0, 0, "3".getBytes(), props(alias(2))));
        DisconnectionEvent unbound = s.listener.await(DisconnectionEvent.class, WAIT);
        assertThat(((MqttProtocolException) unbound.cause()).reasonCode()).isEqualTo(DisconnectReasonCode.TOPIC_ALIAS_INVALID);
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        // Aliases do not survive the connection: alias 1 is unbound again.
        s.broker.send(BrokerReplies.publish("a", 0, 0, "4".getBytes(), props(alias(3))));
        DisconnectionEvent tooLarge = s.listener.await(DisconnectionEvent.class, WAIT);
        assertThat(tooLarge.cause()).hasMessageContaining("Topic Alias 3");
        assertThat(disconnectCode(s.broker.awaitPacket(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0x94);
    }

    @Test
    @Covers({"MQTT-3.2.2-17", "MQTT-3.3.2-7", "MQTT-3.3.2-9"})
    void lruAliasingKeepsTheMostRecentTopicsWithinTheServersMaximumAndResetsPerConnection() throws Exception {
        s.broker.onConnect((index, connect) -> BrokerReplies.connAck().topicAliasMaximum(2).build());
        s.connect(o -> o.topicAliasing(TopicAliasingOptions.lru(5)));
        for (String topic : List.of("a", "b", "a", "c", "a", "b")) {
            s.client.publish(PublishPacket.builder().topic(topic).qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        }
        List<String> wire = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            MqttPublishMessage p = (MqttPublishMessage) s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
            wire.add(p.variableHeader().topicName() + "#" + aliasOf(p));
        }
        // b is least recently used when c arrives, so c takes alias 2; then a (alias 1) stays, b needs a new one.
        assertThat(wire).containsExactly("a#1", "b#2", "#1", "c#2", "#1", "b#2");
        s.broker.dropConnection();
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        s.client.publish(PublishPacket.builder().topic("a").qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        MqttPublishMessage afterReconnect = (MqttPublishMessage) s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        assertThat(afterReconnect.variableHeader().topicName()).isEqualTo("a");
        assertThat(aliasOf(afterReconnect)).isEqualTo(1);
    }

    @Test
    @Covers({"MQTT-3.2.2-17", "MQTT-3.3.2-9"})
    void manualAliasesAreSentAsGivenAndRefusedWhenAliasingIsDisabled() throws Exception {
        s.broker.onConnect((index, connect) -> BrokerReplies.connAck().topicAliasMaximum(3).build());
        s.connect(o -> o.topicAliasing(TopicAliasingOptions.manual()));
        s.client.publish(PublishPacket.builder().topic("m/t").topicAlias(3).qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        s.client.publish(PublishPacket.builder().topic("").topicAlias(3).qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        MqttPublishMessage first = (MqttPublishMessage) s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        MqttPublishMessage second = (MqttPublishMessage) s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        assertThat(first.variableHeader().topicName() + "#" + aliasOf(first)).isEqualTo("m/t#3");
        assertThat(second.variableHeader().topicName() + "#" + aliasOf(second)).isEqualTo("#3");
        assertThatThrownBy(() -> s.client.publish(PublishPacket.builder().topic("x").topicAlias(4).build()))
                .hasMessageContaining("Topic Alias Maximum 3");

        try (ScriptedClient disabled = new ScriptedClient()) {
            disabled.connect(o -> o);
            assertThatThrownBy(() -> disabled.client.publish(PublishPacket.builder().topic("x").topicAlias(1).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topicAliasing");
        }
    }

    @Test
    void flowControlBucketsStartEmptyAndLimitThePublishRate() throws Exception {
        s.connect(o -> o.flowControl(FlowControlOptions.of(20, 1_000_000)));
        long start = System.nanoTime();
        List<CompletableFuture<PublishResult>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(s.client.publish(PublishPacket.builder().topic("fc").build()));
        }
        for (CompletableFuture<PublishResult> r : results) {
            r.get(10, TimeUnit.SECONDS);
        }
        // Ten publishes at 20 per second from an empty bucket cannot all be written before half a second.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        assertThat(FlowControlOptions.iotCore().publishesPerSecond()).isEqualTo(100);
        assertThat(FlowControlOptions.iotCore().bytesPerSecond()).isEqualTo(512 * 1024);
    }

    @Test
    void flowControlLimitsTheByteRate() throws Exception {
        s.connect(o -> o.flowControl(FlowControlOptions.of(1000, 4000)));
        long start = System.nanoTime();
        CompletableFuture<?> a = s.client.publish(PublishPacket.builder().topic("fc").payload(new byte[1000]).build());
        CompletableFuture<?> b = s.client.publish(PublishPacket.builder().topic("fc").payload(new byte[1000]).build());
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(480));
    }

    @Test
    @Covers({"MQTT-4.3.2-4", "MQTT-4.6.0-2"})
    void manualAcknowledgementsLeaveInTheOrderThePublishesArrived() throws Exception {
        LinkedBlockingQueue<Acknowledgement> acks = new LinkedBlockingQueue<>();
        s.connect(o -> o.publishReceivedListener((publish, ack) -> acks.add(ack)));
        for (int id = 1; id <= 3; id++) {
            s.broker.send(BrokerReplies.publish("ma", 1, id, new byte[] {(byte) id}, MqttProperties.NO_PROPERTIES));
        }
        Acknowledgement first = acks.poll(10, TimeUnit.SECONDS);
        Acknowledgement second = acks.poll(10, TimeUnit.SECONDS);
        Acknowledgement third = acks.poll(10, TimeUnit.SECONDS);
        third.acknowledge();
        Thread.sleep(200);
        assertThat(pubAcks()).isEmpty();
        first.acknowledge();
        first.acknowledge();
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(1);
        Thread.sleep(200);
        assertThat(pubAcks()).hasSize(1);
        second.acknowledge();
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(2);
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(3);
    }

    private List<MqttMessage> pubAcks() {
        return s.broker.received().stream().filter(m -> m.fixedHeader().messageType() == MqttMessageType.PUBACK).toList();
    }

    @Test
    @Covers({"MQTT-3.3.4-1", "MQTT-4.3.2-4"})
    void handlersReceivePublishesBySubscriptionIdentifierAndTheListenerGetsTheRest() throws Exception {
        s.connect(o -> o);
        List<String> handled = new CopyOnWriteArrayList<>();
        s.client.subscribe(SubscribePacket.of("h/#", QoS.AT_LEAST_ONCE), publish -> handled.add(publish.topic()))
                .get(10, TimeUnit.SECONDS);
        MqttSubscribeMessage subscribe = (MqttSubscribeMessage) s.broker.awaitPacket(MqttMessageType.SUBSCRIBE, WAIT);
        int id = (Integer) subscribe.idAndPropertiesVariableHeader().properties().getProperty(0x0B).value();
        s.broker.send(BrokerReplies.publish("h/1", 1, 10, new byte[0],
                props(new MqttProperties.IntegerProperty(0x0B, id))));
        // Without the identifier, the server says this publish matched none of the handler's subscriptions.
        s.broker.send(BrokerReplies.publish("h/2", 1, 11, new byte[0], MqttProperties.NO_PROPERTIES));
        assertThat(s.listener.awaitPublish(WAIT).topic()).isEqualTo("h/2");
        Awaitility.await().atMost(WAIT).until(() -> handled.contains("h/1"));
        assertThat(handled).containsExactly("h/1");
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(10);
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(11);
    }

    @Test
    void withoutSubscriptionIdentifiersHandlersMatchByTopicFilterIncludingSharedOnes() throws Exception {
        s.broker.onConnect((index, connect) -> BrokerReplies.connAck()
                .property(new MqttProperties.IntegerProperty(0x29, 0)).build());
        s.connect(o -> o);
        List<String> plain = new CopyOnWriteArrayList<>();
        List<String> shared = new CopyOnWriteArrayList<>();
        s.client.subscribe(SubscribePacket.of("p/+", QoS.AT_MOST_ONCE), publish -> plain.add(publish.topic())).get(10, TimeUnit.SECONDS);
        s.client.subscribe(SubscribePacket.of("$share/g/s/#", QoS.AT_MOST_ONCE), publish -> shared.add(publish.topic()))
                .get(10, TimeUnit.SECONDS);
        MqttSubscribeMessage subscribe = (MqttSubscribeMessage) s.broker.awaitPacket(MqttMessageType.SUBSCRIBE, WAIT);
        assertThat(subscribe.idAndPropertiesVariableHeader().properties().getProperty(0x0B)).isNull();
        s.broker.send(BrokerReplies.publish("p/1", 0, 0, new byte[0], MqttProperties.NO_PROPERTIES));
        s.broker.send(BrokerReplies.publish("s/x/y", 0, 0, new byte[0], MqttProperties.NO_PROPERTIES));
        s.broker.send(BrokerReplies.publish("other", 0, 0, new byte[0], MqttProperties.NO_PROPERTIES));
        assertThat(s.listener.awaitPublish(WAIT).topic()).isEqualTo("other");
        Awaitility.await().atMost(WAIT).until(() -> plain.size() == 1 && shared.size() == 1);
        assertThat(plain).containsExactly("p/1");
        assertThat(shared).containsExactly("s/x/y");

        s.client.unsubscribe(UnsubscribePacket.of("p/+")).get(10, TimeUnit.SECONDS);
        s.broker.send(BrokerReplies.publish("p/2", 0, 0, new byte[0], MqttProperties.NO_PROPERTIES));
        assertThat(s.listener.awaitPublish(WAIT).topic()).isEqualTo("p/2");
        assertThat(plain).containsExactly("p/1");
    }
}
