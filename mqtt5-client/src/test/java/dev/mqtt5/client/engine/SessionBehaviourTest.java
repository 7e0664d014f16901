package dev.mqtt5.client.engine;

import static dev.mqtt5.client.engine.ScriptedClient.WAIT;
import static dev.mqtt5.client.engine.ScriptedClient.packetId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.OperationStatistics;
import dev.mqtt5.client.config.OfflineQueueBehavior;
import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.conformance.Covers;
import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.exception.OperationFailedException;
import dev.mqtt5.client.exception.OperationTimeoutException;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.UnsubscribePacket;
import dev.mqtt5.client.testing.BrokerReplies;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions, the offline queue, resends, statistics and ack timeouts, against a scripted broker. */
class SessionBehaviourTest {

    private final ScriptedClient s = new ScriptedClient();

    @AfterEach
    void tearDown() {
        s.close();
    }

    private static PublishPacket qos1(String payload) {
        return PublishPacket.builder().topic("a/b").payload(payload.getBytes()).qos(QoS.AT_LEAST_ONCE).build();
    }

    private void awaitStatistics(OperationStatistics expected) {
        Awaitility.await().atMost(WAIT).untilAsserted(() ->
                assertThat(s.client.operationStatistics()).isEqualTo(expected));
    }

    @Test
    void cleanSessionBehaviourAlwaysAsksForCleanStart() {
        s.connect(o -> o.sessionBehavior(SessionBehavior.CLEAN));
        assertThat(s.broker.awaitConnect(WAIT).variableHeader().isCleanSession()).isTrue();
        s.broker.dropConnection();
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        assertThat(s.broker.awaitConnect(WAIT).variableHeader().isCleanSession()).isTrue();
    }

    @Test
    void rejoinAlwaysAsksToRejoinFromTheFirstConnection() {
        s.connect(o -> o.sessionBehavior(SessionBehavior.REJOIN_ALWAYS));
        assertThat(s.broker.awaitConnect(WAIT).variableHeader().isCleanSession()).isFalse();
    }

    @Test
    void rejoinPostSuccessStartsCleanThenRejoinsUntilStopped() throws Exception {
        s.connect(o -> o.sessionBehavior(SessionBehavior.REJOIN_POST_SUCCESS)
                .connectOptions(ConnectPacket.builder().clientId("r").sessionExpiryInterval(Duration.ofMinutes(5)).build()));
        MqttConnectMessage first = s.broker.awaitConnect(WAIT);
        assertThat(first.variableHeader().isCleanSession()).isTrue();
        assertThat(first.variableHeader().properties().getProperty(0x11).value()).isEqualTo(300);
        s.broker.dropConnection();
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        assertThat(s.broker.awaitConnect(WAIT).variableHeader().isCleanSession()).isFalse();
        s.client.stop().get(10, TimeUnit.SECONDS);
        s.client.start();
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        assertThat(s.broker.awaitConnect(WAIT).variableHeader().isCleanSession()).isTrue();
    }

    @Test
    @Covers("MQTT-3.2.2-4")
    void sessionPresentAfterACleanStartIsAProtocolError() {
        s.broker.onConnect((index, connect) -> BrokerReplies.connAck().sessionPresent(index == 0).build());
        s.create(o -> o).start();
        ConnectionFailureEvent failure = s.listener.await(ConnectionFailureEvent.class, WAIT);
        assertThat(failure.cause()).isInstanceOf(MqttProtocolException.class).hasMessageContaining("Session Present");
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
    }

    @Test
    @Covers({"MQTT-3.1.2-23", "MQTT-3.3.1-1", "MQTT-4.3.2-2", "MQTT-4.4.0-1", "MQTT-4.6.0-1"})
    void unackedPublishesAreResentFirstWithTheirIdsAndDupWhenTheSessionIsRejoined() throws Exception {
        s.broker.onConnect((index, connect) -> BrokerReplies.connAck().sessionPresent(index > 0).build());
        s.broker.noReply(MqttMessageType.PUBLISH);
        s.connect(o -> o);
        CompletableFuture<PublishResult> a = s.client.publish(qos1("a"));
        CompletableFuture<PublishResult> b = s.client.publish(qos1("b"));
        int idA = packetId(s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT));
        int idB = packetId(s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT));
        s.broker.dropConnection();
        s.listener.await(DisconnectionEvent.class, WAIT);
        CompletableFuture<PublishResult> c = s.client.publish(qos1("c"));
        s.broker.defaultReply(MqttMessageType.PUBLISH);
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        MqttPublishMessage resentA = (MqttPublishMessage) s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        MqttPublishMessage resentB = (MqttPublishMessage) s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        MqttPublishMessage newC = (MqttPublishMessage) s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        assertThat(resentA.fixedHeader().isDup()).isTrue();
        assertThat(resentA.variableHeader().packetId()).isEqualTo(idA);
        assertThat(resentB.fixedHeader().isDup()).isTrue();
        assertThat(resentB.variableHeader().packetId()).isEqualTo(idB);
        assertThat(newC.fixedHeader().isDup()).isFalse();
        assertThat(a.get(10, TimeUnit.SECONDS).pubAck()).isNotNull();
        assertThat(b.get(10, TimeUnit.SECONDS).pubAck()).isNotNull();
        assertThat(c.get(10, TimeUnit.SECONDS).pubAck()).isNotNull();
        awaitStatistics(OperationStatistics.EMPTY);
    }

    @Test
    @Covers({"MQTT-2.2.1-5", "MQTT-3.1.2-23", "MQTT-4.3.3-4", "MQTT-4.3.3-5", "MQTT-4.3.3-6", "MQTT-4.4.0-1"})
    void pubRelIsResentForQos2FlowsThatReachedPubRecWhenTheSessionIsRejoined() throws Exception {
        s.broker.onConnect((index, connect) -> BrokerReplies.connAck().sessionPresent(index > 0).build());
        s.broker.noReply(MqttMessageType.PUBREL);
        s.connect(o -> o);
        CompletableFuture<PublishResult> result = s.client.publish(PublishPacket.builder().topic("q2").qos(QoS.EXACTLY_ONCE).build());
        int id = packetId(s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT));
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBREL, WAIT))).isEqualTo(id);
        s.broker.dropConnection();
        s.listener.await(DisconnectionEvent.class, WAIT);
        s.broker.defaultReply(MqttMessageType.PUBREL);
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBREL, WAIT))).isEqualTo(id);
        assertThat(result.get(10, TimeUnit.SECONDS).pubComp()).isNotNull();
        assertThat(s.broker.received().stream().filter(m -> m.fixedHeader().messageType() == MqttMessageType.PUBLISH))
                .hasSize(1);
    }

    @Test
    @Covers({"MQTT-3.2.2-5", "MQTT-4.3.2-2"})
    void withoutASessionKeptPublishesAreSentAgainAsNewOnes() throws Exception {
        s.broker.noReply(MqttMessageType.PUBLISH);
        s.connect(o -> o);
        CompletableFuture<PublishResult> a = s.client.publish(qos1("a"));
        s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        s.broker.dropConnection();
        s.listener.await(DisconnectionEvent.class, WAIT);
        s.broker.defaultReply(MqttMessageType.PUBLISH);
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        MqttPublishMessage again = (MqttPublishMessage) s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        assertThat(again.fixedHeader().isDup()).isFalse();
        assertThat(a.get(10, TimeUnit.SECONDS).pubAck()).isNotNull();
    }

    @Test
    void offlineSubmissionsAreRejectedAtOnceWhenThePolicyWouldFailThem() {
        for (OfflineQueueBehavior behavior : OfflineQueueBehavior.values()) {
            try (ScriptedClient offline = new ScriptedClient()) {
                offline.create(o -> o.offlineQueueBehavior(behavior));
                CompletableFuture<?> qos0 = offline.client.publish(PublishPacket.builder().topic("t").build());
                CompletableFuture<?> qos1 = offline.client.publish(qos1("x"));
                CompletableFuture<?> sub = offline.client.subscribe(SubscribePacket.of("t", QoS.AT_MOST_ONCE));
                Awaitility.await().atMost(WAIT).until(qos0::isDone);
                assertThat(qos0).isCompletedExceptionally();
                assertThatThrownBy(qos0::join).hasCauseInstanceOf(OperationFailedException.class)
                        .hasMessageContaining(behavior.name());
                boolean keepsQos1 = behavior != OfflineQueueBehavior.FAIL_ALL_ON_DISCONNECT;
                boolean keepsSubscribe = behavior == OfflineQueueBehavior.FAIL_QOS0_PUBLISH_ON_DISCONNECT;
                Awaitility.await().pollDelay(Duration.ofMillis(50)).atMost(WAIT).untilAsserted(() -> {
                    assertThat(qos1.isCompletedExceptionally()).as(behavior + " qos1").isNotEqualTo(keepsQos1);
                    assertThat(sub.isCompletedExceptionally()).as(behavior + " subscribe").isNotEqualTo(keepsSubscribe);
                });
            }
        }
    }

    @Test
    void whenAConnectionDropsThePolicyDecidesWhatIsKept() {
        for (OfflineQueueBehavior behavior : OfflineQueueBehavior.values()) {
            try (ScriptedClient dropped = new ScriptedClient()) {
                dropped.broker.noReply(MqttMessageType.PUBLISH);
                dropped.broker.noReply(MqttMessageType.SUBSCRIBE);
                dropped.connect(o -> o.offlineQueueBehavior(behavior));
                CompletableFuture<?> qos1 = dropped.client.publish(qos1("x"));
                CompletableFuture<?> sub = dropped.client.subscribe(SubscribePacket.of("t", QoS.AT_MOST_ONCE));
                dropped.broker.awaitPacket(MqttMessageType.SUBSCRIBE, WAIT);
                dropped.broker.onConnect((index, connect) -> null);
                dropped.broker.dropConnection();
                dropped.listener.await(DisconnectionEvent.class, WAIT);
                boolean keepsQos1 = behavior != OfflineQueueBehavior.FAIL_ALL_ON_DISCONNECT;
                boolean keepsSubscribe = behavior == OfflineQueueBehavior.FAIL_QOS0_PUBLISH_ON_DISCONNECT;
                Awaitility.await().pollDelay(Duration.ofMillis(50)).atMost(WAIT).untilAsserted(() -> {
                    assertThat(qos1.isCompletedExceptionally()).as(behavior + " qos1").isNotEqualTo(keepsQos1);
                    assertThat(sub.isCompletedExceptionally()).as(behavior + " subscribe").isNotEqualTo(keepsSubscribe);
                });
            }
        }
    }

    @Test
    @Covers("MQTT-4.3.2-3")
    void statisticsAreExactAfterEveryStep() throws Exception {
        s.broker.noReply(MqttMessageType.SUBSCRIBE);
        s.broker.noReply(MqttMessageType.UNSUBSCRIBE);
        s.broker.noReply(MqttMessageType.PUBLISH);
        s.create(o -> o.connackTimeout(Duration.ofMillis(300)));
        // Encoded sizes: SUBSCRIBE "a/b" = 11, UNSUBSCRIBE "a/b" = 10, PUBLISH "a/b" with 5 bytes = 13 (QoS 0), 15 (QoS 1).
        CompletableFuture<PublishResult> queued = s.client.publish(qos1("12345"));
        awaitStatistics(new OperationStatistics(1, 15, 0, 0));
        s.client.start();
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        MqttMessage publish = s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        awaitStatistics(new OperationStatistics(1, 15, 1, 15));

        s.broker.onConnect((index, connect) -> null);
        s.broker.dropConnection();
        s.listener.await(DisconnectionEvent.class, WAIT);
        awaitStatistics(new OperationStatistics(1, 15, 0, 0));
        s.broker.onConnect((index, connect) -> BrokerReplies.connAck().build());
        s.listener.await(ConnectionSuccessEvent.class, WAIT);
        MqttMessage requeued = s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        awaitStatistics(new OperationStatistics(1, 15, 1, 15));
        s.broker.send(BrokerReplies.ack(MqttMessageType.PUBACK, packetId(requeued)));
        queued.get(10, TimeUnit.SECONDS);
        awaitStatistics(OperationStatistics.EMPTY);
        assertThat(packetId(publish)).isPositive();

        CompletableFuture<?> sub = s.client.subscribe(SubscribePacket.of("a/b", QoS.AT_LEAST_ONCE));
        MqttSubscribeMessage subscribe = (MqttSubscribeMessage) s.broker.awaitPacket(MqttMessageType.SUBSCRIBE, WAIT);
        awaitStatistics(new OperationStatistics(1, 11, 1, 11));
        s.broker.send(BrokerReplies.subAck(subscribe));
        sub.get(10, TimeUnit.SECONDS);
        awaitStatistics(OperationStatistics.EMPTY);

        CompletableFuture<?> unsub = s.client.unsubscribe(UnsubscribePacket.of("a/b"));
        MqttUnsubscribeMessage unsubscribe = (MqttUnsubscribeMessage) s.broker.awaitPacket(MqttMessageType.UNSUBSCRIBE, WAIT);
        awaitStatistics(new OperationStatistics(1, 10, 1, 10));
        s.broker.send(BrokerReplies.unsubAck(unsubscribe));
        unsub.get(10, TimeUnit.SECONDS);
        awaitStatistics(OperationStatistics.EMPTY);

        s.client.publish(PublishPacket.builder().topic("a/b").payload("12345".getBytes()).build()).get(10, TimeUnit.SECONDS);
        assertThat(s.client.operationStatistics()).isEqualTo(OperationStatistics.EMPTY);
    }

    @Test
    @Covers("MQTT-4.1.0-1")
    void ackTimeoutFailsTheOperationAndALateAckIsAbsorbed() throws Exception {
        s.broker.noReply(MqttMessageType.PUBLISH);
        s.connect(o -> o.operationTimeout(Duration.ofMillis(300)));
        CompletableFuture<PublishResult> byDefault = s.client.publish(qos1("a"));
        CompletableFuture<PublishResult> ownTimeout = s.client.publish(qos1("b"), Duration.ofSeconds(30));
        MqttMessage first = s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        MqttMessage second = s.broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        assertThatThrownBy(() -> byDefault.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(OperationTimeoutException.class).hasMessageContaining("300 ms");
        assertThat(ownTimeout).isNotDone();
        awaitStatistics(new OperationStatistics(1, 11, 1, 11));
        s.broker.send(BrokerReplies.ack(MqttMessageType.PUBACK, packetId(first)));
        s.broker.send(BrokerReplies.ack(MqttMessageType.PUBACK, packetId(second)));
        assertThat(ownTimeout.get(10, TimeUnit.SECONDS).pubAck()).isNotNull();
        awaitStatistics(OperationStatistics.EMPTY);
        assertThat(s.listener.eventNames()).doesNotContain("Disconnection");
    }
}
