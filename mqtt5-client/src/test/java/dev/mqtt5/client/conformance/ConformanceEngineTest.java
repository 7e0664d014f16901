package dev.mqtt5.client.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.Acknowledgement;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.OperationStatistics;
import dev.mqtt5.client.RecordingListener;
import dev.mqtt5.client.config.JitterMode;
import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.config.TopicAliasingOptions;
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
import dev.mqtt5.client.testing.FakeBroker;
import dev.mqtt5.client.testing.FakeConnection;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Client-side MQTT 5.0 statements that no other test demonstrated, against the scriptable fake
 * broker (netty-codec-mqtt, independent of our codec). Each test names the statements it shows.
 */
class ConformanceEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

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
                .connectOptions(ConnectPacket.builder().clientId("conformance").build())
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(50))
                        .maxDelay(Duration.ofMillis(200)).jitterMode(JitterMode.NONE).build())
                .lifecycleListener(listener).publishReceivedListener(listener);
    }

    private Mqtt5Client create(UnaryOperator<Mqtt5ClientOptions.Builder> adjust) {
        client = new Mqtt5Client(adjust.apply(options()).build());
        return client;
    }

    private Mqtt5Client connect(UnaryOperator<Mqtt5ClientOptions.Builder> adjust) {
        create(adjust).start();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        return client;
    }

    private static int packetId(MqttMessage message) {
        if (message instanceof MqttPublishMessage publish) {
            return publish.variableHeader().packetId();
        }
        return ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
    }

    private static int ackReasonCode(MqttMessage ack) {
        return ack.variableHeader() instanceof MqttPubReplyMessageVariableHeader header ? header.reasonCode() & 0xFF : 0;
    }

    private static MqttPublishMessage inbound(String topic, int qos, int packetId, boolean dup, String payload,
            MqttProperties properties) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), false, 0),
                new MqttPublishVariableHeader(topic, packetId, properties), Unpooled.copiedBuffer(payload.getBytes()));
    }

    private static MqttProperties properties(MqttProperties.MqttProperty<?>... properties) {
        MqttProperties all = new MqttProperties();
        for (MqttProperties.MqttProperty<?> p : properties) {
            all.add(p);
        }
        return all;
    }

    private static List<MqttMessageType> types(List<MqttMessage> messages) {
        return messages.stream().map(m -> m.fixedHeader().messageType()).toList();
    }

    private static boolean hasAlias(MqttPublishMessage publish) {
        return publish.variableHeader().properties().getProperty(0x23) != null;
    }

    // ---- connecting ----------------------------------------------------------------------

    @Test
    @Covers("MQTT-3.1.0-1")
    void connectIsTheFirstPacketOnEveryConnectionEvenWithOperationsQueued() {
        create(o -> o);
        client.publish(PublishPacket.builder().topic("q").qos(QoS.AT_LEAST_ONCE).build());
        client.subscribe(SubscribePacket.of("s", QoS.AT_LEAST_ONCE));
        client.start();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        broker.awaitPacket(MqttMessageType.SUBSCRIBE, WAIT);
        broker.dropConnection();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        client.publish(PublishPacket.builder().topic("q").build());
        broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        for (FakeConnection connection : broker.connections()) {
            assertThat(types(connection.received())).as("connection %d", connection.index())
                    .first().isEqualTo(MqttMessageType.CONNECT);
        }
    }

    @Test
    @Covers({"MQTT-3.1.2-4", "MQTT-3.2.2-5"})
    void aCleanStartDiscardsTheInboundQos2StateSoTheSameIdIsANewMessage() throws Exception {
        broker.noReply(MqttMessageType.PUBREC);
        connect(o -> o.sessionBehavior(SessionBehavior.CLEAN));
        broker.send(BrokerReplies.publish("q2", 2, 7, "first".getBytes(), MqttProperties.NO_PROPERTIES));
        assertThat(listener.awaitPublish(WAIT).payloadAsString()).isEqualTo("first");
        broker.awaitPacket(MqttMessageType.PUBREC, WAIT);
        broker.dropConnection();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        broker.awaitConnect(WAIT);
        assertThat(broker.awaitConnect(WAIT).variableHeader().isCleanSession()).isTrue();
        // Without the old session, packet identifier 7 before any PUBREL is a new message, not a duplicate.
        broker.send(BrokerReplies.publish("q2", 2, 7, "second".getBytes(), MqttProperties.NO_PROPERTIES));
        assertThat(listener.awaitPublish(WAIT).payloadAsString()).isEqualTo("second");
    }

    // ---- receiving publishes -------------------------------------------------------------

    @Test
    @Covers("MQTT-4.3.2-5")
    void afterItsPubAckAQos1PacketIdentifierCarriesANewMessageEvenWithDup() {
        connect(o -> o);
        broker.send(inbound("q1", 1, 5, false, "one", MqttProperties.NO_PROPERTIES));
        assertThat(listener.awaitPublish(WAIT).payloadAsString()).isEqualTo("one");
        assertThat(packetId(broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(5);
        broker.send(inbound("q1", 1, 5, true, "two", MqttProperties.NO_PROPERTIES));
        assertThat(listener.awaitPublish(WAIT).payloadAsString()).isEqualTo("two");
        assertThat(packetId(broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(5);
    }

    @Test
    @Covers({"MQTT-4.3.3-8", "MQTT-4.3.3-11", "MQTT-4.3.3-13", "MQTT-2.2.1-5"})
    void answersAQos2PublishWithPubRecThenPubCompOnItsIdentifierEvenAfterTheMessageExpired() throws Exception {
        broker.noReply(MqttMessageType.PUBREC);
        connect(o -> o);
        broker.send(BrokerReplies.publish("q2", 2, 300, "x".getBytes(),
                properties(new MqttProperties.IntegerProperty(0x02, 1))));
        MqttMessage pubRec = broker.awaitPacket(MqttMessageType.PUBREC, WAIT);
        assertThat(packetId(pubRec)).isEqualTo(300);
        assertThat(ackReasonCode(pubRec)).isZero();
        Thread.sleep(1_100); // the one-second Message Expiry Interval has passed
        broker.send(BrokerReplies.ack(MqttMessageType.PUBREL, 300));
        MqttMessage pubComp = broker.awaitPacket(MqttMessageType.PUBCOMP, WAIT);
        assertThat(packetId(pubComp)).isEqualTo(300);
        assertThat(ackReasonCode(pubComp)).isZero();
    }

    @Test
    @Covers("MQTT-4.6.0-3")
    void pubRecsLeaveInTheOrderTheQos2PublishesArrived() throws Exception {
        LinkedBlockingQueue<Acknowledgement> acks = new LinkedBlockingQueue<>();
        connect(o -> o.publishReceivedListener((publish, ack) -> acks.add(ack)));
        for (int id = 1; id <= 3; id++) {
            broker.send(BrokerReplies.publish("o", 2, id, new byte[] {(byte) id}, MqttProperties.NO_PROPERTIES));
        }
        Acknowledgement first = acks.poll(10, TimeUnit.SECONDS);
        Acknowledgement second = acks.poll(10, TimeUnit.SECONDS);
        Acknowledgement third = acks.poll(10, TimeUnit.SECONDS);
        third.acknowledge();
        second.acknowledge();
        Thread.sleep(200);
        assertThat(types(broker.received())).doesNotContain(MqttMessageType.PUBREC);
        first.acknowledge();
        assertThat(packetId(broker.awaitPacket(MqttMessageType.PUBREC, WAIT))).isEqualTo(1);
        assertThat(packetId(broker.awaitPacket(MqttMessageType.PUBREC, WAIT))).isEqualTo(2);
        assertThat(packetId(broker.awaitPacket(MqttMessageType.PUBREC, WAIT))).isEqualTo(3);
    }

    @Test
    @Covers("MQTT-4.5.0-2")
    void acknowledgesEveryPublishEvenWithNoListenerToProcessIt() {
        create(o -> Mqtt5ClientOptions.builder().hostName(broker.host()).port(broker.port())
                .lifecycleListener(listener)).start();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        broker.send(BrokerReplies.publish("nobody", 1, 3, new byte[0], MqttProperties.NO_PROPERTIES));
        broker.send(BrokerReplies.publish("nobody", 2, 4, new byte[0], MqttProperties.NO_PROPERTIES));
        assertThat(packetId(broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(3);
        assertThat(packetId(broker.awaitPacket(MqttMessageType.PUBREC, WAIT))).isEqualTo(4);
    }

    @Test
    @Covers("MQTT-3.3.2-10")
    void acceptsEveryTopicAliasFromOneUpToItsOwnMaximum() {
        connect(o -> o.connectOptions(ConnectPacket.builder().clientId("ta").topicAliasMaximum(3).build()));
        for (int alias = 1; alias <= 3; alias++) {
            MqttProperties.IntegerProperty property = new MqttProperties.IntegerProperty(0x23, alias);
            broker.send(BrokerReplies.publish("t/" + alias, 0, 0, "set".getBytes(), properties(property)));
            broker.send(BrokerReplies.publish("", 0, 0, "use".getBytes(), properties(property)));
            assertThat(listener.awaitPublish(WAIT).topic()).isEqualTo("t/" + alias);
            PublishPacket viaAlias = listener.awaitPublish(WAIT);
            assertThat(viaAlias.topic()).isEqualTo("t/" + alias);
            assertThat(viaAlias.payloadAsString()).isEqualTo("use");
        }
        assertThat(listener.eventNames()).doesNotContain("Disconnection");
    }

    // ---- sending publishes ---------------------------------------------------------------

    @Test
    @Covers({"MQTT-3.3.1-2", "MQTT-4.3.1-1"})
    void qos0PublishGoesOutWithDupZeroAndIsNeverResent() throws Exception {
        broker.onConnect((index, connect) -> BrokerReplies.connAck().sessionPresent(index > 0).build());
        connect(o -> o);
        client.publish(PublishPacket.builder().topic("q0").payload("x".getBytes()).build()).get(10, TimeUnit.SECONDS);
        MqttPublishMessage publish = (MqttPublishMessage) broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        assertThat(publish.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_MOST_ONCE);
        assertThat(publish.fixedHeader().isDup()).isFalse();
        broker.dropConnection();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        Thread.sleep(200);
        assertThat(types(broker.connection().received())).doesNotContain(MqttMessageType.PUBLISH);
    }

    @Test
    @Covers({"MQTT-4.3.3-2", "MQTT-4.3.3-3", "MQTT-4.3.3-7", "MQTT-4.4.0-1"})
    void qos2PublishStaysUnacknowledgedUntilPubRecAndIsResentWithItsIdEvenAfterItsExpiry() throws Exception {
        broker.onConnect((index, connect) -> BrokerReplies.connAck().sessionPresent(index > 0).build());
        broker.noReply(MqttMessageType.PUBLISH);
        connect(o -> o);
        CompletableFuture<PublishResult> result = client.publish(PublishPacket.builder().topic("q2").payload("x".getBytes())
                .qos(QoS.EXACTLY_ONCE).messageExpiryInterval(Duration.ofSeconds(1)).build());
        MqttPublishMessage first = (MqttPublishMessage) broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        assertThat(first.fixedHeader().qosLevel()).isEqualTo(MqttQoS.EXACTLY_ONCE);
        assertThat(first.fixedHeader().isDup()).isFalse();
        assertThat(packetId(first)).isPositive();
        Thread.sleep(1_100); // past its Message Expiry Interval: the client must not expire a sent QoS 2 message
        assertThat(client.operationStatistics().unackedOperationCount()).isEqualTo(1);
        assertThat(result).isNotDone();
        broker.defaultReply(MqttMessageType.PUBLISH);
        broker.dropConnection();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        MqttPublishMessage resent = (MqttPublishMessage) broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        assertThat(packetId(resent)).isEqualTo(packetId(first));
        assertThat(resent.fixedHeader().isDup()).isTrue();
        assertThat(resent.fixedHeader().qosLevel()).isEqualTo(MqttQoS.EXACTLY_ONCE);
        assertThat(result.get(10, TimeUnit.SECONDS).pubComp()).isNotNull();
    }

    @Test
    @Covers("MQTT-4.6.0-4")
    void pubRelsLeaveInTheOrderThePubRecsArrived() throws Exception {
        broker.noReply(MqttMessageType.PUBLISH);
        connect(o -> o);
        CompletableFuture<PublishResult> a = client.publish(PublishPacket.builder().topic("a").qos(QoS.EXACTLY_ONCE).build());
        CompletableFuture<PublishResult> b = client.publish(PublishPacket.builder().topic("b").qos(QoS.EXACTLY_ONCE).build());
        int idA = packetId(broker.awaitPacket(MqttMessageType.PUBLISH, WAIT));
        int idB = packetId(broker.awaitPacket(MqttMessageType.PUBLISH, WAIT));
        broker.send(BrokerReplies.ack(MqttMessageType.PUBREC, idB));
        assertThat(packetId(broker.awaitPacket(MqttMessageType.PUBREL, WAIT))).isEqualTo(idB);
        broker.send(BrokerReplies.ack(MqttMessageType.PUBREC, idA));
        assertThat(packetId(broker.awaitPacket(MqttMessageType.PUBREL, WAIT))).isEqualTo(idA);
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
    }

    @Test
    @Covers("MQTT-4.4.0-2")
    void aPublishRefusedWithAnErrorAckIsNotSentAgainWhenTheSessionResumes() throws Exception {
        broker.onConnect((index, connect) -> BrokerReplies.connAck().sessionPresent(index > 0).build());
        broker.reply(MqttMessageType.PUBLISH, received -> {
            MqttPublishMessage publish = (MqttPublishMessage) received;
            MqttMessageType ack = publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE
                    ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
            return BrokerReplies.ack(ack, publish.variableHeader().packetId(), 0x87, "refused");
        });
        connect(o -> o);
        CompletableFuture<PublishResult> qos1 = client.publish(PublishPacket.builder().topic("r").qos(QoS.AT_LEAST_ONCE).build());
        CompletableFuture<PublishResult> qos2 = client.publish(PublishPacket.builder().topic("r").qos(QoS.EXACTLY_ONCE).build());
        assertThat(qos1).failsWithin(WAIT);
        assertThat(qos2).failsWithin(WAIT);
        broker.dropConnection();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        Thread.sleep(300);
        assertThat(types(broker.connection().received())).containsExactly(MqttMessageType.CONNECT);
        assertThat(client.operationStatistics()).isEqualTo(OperationStatistics.EMPTY);
    }

    @Test
    @Covers({"MQTT-2.2.1-3", "MQTT-4.3.2-1", "MQTT-4.3.3-1"})
    void everyNewPublishSubscribeAndUnsubscribeTakesANonZeroIdentifierNotInUse() {
        broker.noReply(MqttMessageType.PUBLISH);
        broker.noReply(MqttMessageType.SUBSCRIBE);
        broker.noReply(MqttMessageType.UNSUBSCRIBE);
        connect(o -> o);
        client.publish(PublishPacket.builder().topic("a").qos(QoS.AT_LEAST_ONCE).build());
        client.publish(PublishPacket.builder().topic("a").qos(QoS.EXACTLY_ONCE).build());
        client.subscribe(SubscribePacket.of("s", QoS.AT_LEAST_ONCE));
        client.unsubscribe(UnsubscribePacket.of("s"));
        client.publish(PublishPacket.builder().topic("a").qos(QoS.AT_LEAST_ONCE).build());
        List<Integer> ids = new ArrayList<>();
        ids.add(packetId(broker.awaitPacket(MqttMessageType.PUBLISH, WAIT)));
        ids.add(packetId(broker.awaitPacket(MqttMessageType.PUBLISH, WAIT)));
        ids.add(packetId(broker.awaitPacket(MqttMessageType.SUBSCRIBE, WAIT)));
        ids.add(packetId(broker.awaitPacket(MqttMessageType.UNSUBSCRIBE, WAIT)));
        ids.add(packetId(broker.awaitPacket(MqttMessageType.PUBLISH, WAIT)));
        assertThat(ids).allSatisfy(id -> assertThat(id).isBetween(1, 65535));
        assertThat(new HashSet<>(ids)).as("identifiers in use at the same time").hasSize(ids.size());
    }

    @Test
    @Covers("MQTT-2.2.1-3")
    void theIdentifierTableNeverHandsOutZeroOrAnIdentifierInUseEvenAfterWrappingAround() {
        dev.mqtt5.client.internal.session.InflightTable<String> table = new dev.mqtt5.client.internal.session.InflightTable<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 65535; i++) {
            int id = table.allocate("op" + i);
            assertThat(id).isBetween(1, 65535);
            assertThat(seen.add(id)).as("identifier %d handed out twice", id).isTrue();
        }
        assertThat(table.allocate("one too many")).as("no free identifier: 0 means wait").isZero();
        table.remove(7);
        table.remove(40_000);
        assertThat(table.allocate("after wrap")).isEqualTo(7);
        assertThat(table.allocate("next free")).isEqualTo(40_000);
    }

    // ---- the server's limits -------------------------------------------------------------

    @Test
    @Covers({"MQTT-4.9.0-3", "MQTT-3.3.4-8"})
    void keepsAnsweringTheServerWhileItsSendQuotaIsZero() {
        broker.onConnect((index, connect) -> BrokerReplies.connAck().receiveMaximum(1).build());
        broker.noReply(MqttMessageType.PUBLISH);
        connect(o -> o);
        client.publish(PublishPacket.builder().topic("held").qos(QoS.AT_LEAST_ONCE).build());
        client.publish(PublishPacket.builder().topic("waits").qos(QoS.AT_LEAST_ONCE).build());
        broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        broker.send(BrokerReplies.publish("in", 1, 9, new byte[0], MqttProperties.NO_PROPERTIES));
        broker.send(BrokerReplies.publish("in", 2, 10, new byte[0], MqttProperties.NO_PROPERTIES));
        assertThat(packetId(broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(9);
        assertThat(packetId(broker.awaitPacket(MqttMessageType.PUBREC, WAIT))).isEqualTo(10);
        assertThat(packetId(broker.awaitPacket(MqttMessageType.PUBCOMP, WAIT))).isEqualTo(10);
    }

    @Test
    @Covers("MQTT-3.2.2-18")
    void sendsNoTopicAliasWhenTheServerAllowsNone() throws Exception {
        connect(o -> o.topicAliasing(TopicAliasingOptions.lru(5)));
        assertThat(listener.history().stream().filter(e -> e instanceof ConnectionSuccessEvent)
                .map(e -> ((ConnectionSuccessEvent) e).settings().topicAliasMaximumToServer())).containsExactly(0);
        for (int i = 0; i < 3; i++) {
            client.publish(PublishPacket.builder().topic("same/topic").qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 3; i++) {
            MqttPublishMessage publish = (MqttPublishMessage) broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
            assertThat(hasAlias(publish)).isFalse();
            assertThat(publish.variableHeader().topicName()).isEqualTo("same/topic");
        }
        try (FakeBroker other = new FakeBroker(); Mqtt5Client manual = new Mqtt5Client(Mqtt5ClientOptions.builder()
                .hostName(other.host()).port(other.port()).lifecycleListener(new RecordingListener())
                .topicAliasing(TopicAliasingOptions.manual()).build())) {
            manual.start();
            other.awaitConnect(WAIT);
            Awaitility.await().atMost(WAIT).until(() -> manual.negotiatedSettings() != null);
            assertThatThrownBy(() -> manual.publish(PublishPacket.builder().topic("x").topicAlias(1).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Topic Alias Maximum 0");
        }
    }

    // ---- disconnecting -------------------------------------------------------------------

    @Test
    @Covers({"MQTT-3.14.4-1", "MQTT-3.14.4-2"})
    void sendsNothingAfterItsDisconnectAndClosesTheConnection() throws Exception {
        broker.noReply(MqttMessageType.PUBLISH);
        connect(o -> o);
        for (int i = 0; i < 50; i++) {
            client.publish(PublishPacket.builder().topic("busy").qos(QoS.AT_LEAST_ONCE).payload(new byte[100]).build());
        }
        broker.awaitPacket(MqttMessageType.PUBLISH, WAIT);
        FakeConnection connection = broker.connection();
        client.stop().get(10, TimeUnit.SECONDS);
        connection.awaitClosed(WAIT);
        List<MqttMessageType> sent = types(connection.received());
        assertThat(sent).last().isEqualTo(MqttMessageType.DISCONNECT);
        assertThat(sent).filteredOn(t -> t == MqttMessageType.DISCONNECT).hasSize(1);
    }

    @Test
    @Covers("MQTT-4.13.2-1")
    void closesTheConnectionAfterAnErrorReasonCodeWhicheverSideSentIt() {
        broker.onConnect((index, connect) -> BrokerReplies.connAck().reasonCode(index == 0 ? 0x87 : 0).build());
        create(o -> o).start();
        listener.await(ConnectionFailureEvent.class, WAIT);
        broker.connections().get(0).awaitClosed(WAIT);
        listener.await(ConnectionSuccessEvent.class, WAIT);

        // The client's own DISCONNECT with 0x81 (a PUBACK for packet identifier 0), then the close.
        FakeConnection second = broker.connection();
        broker.sendRaw(new byte[] {0x40, 0x02, 0x00, 0x00});
        second.awaitClosed(WAIT);
        MqttMessage disconnect = second.received().get(second.received().size() - 1);
        assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xFF)
                .isGreaterThanOrEqualTo(0x80);
        listener.await(DisconnectionEvent.class, WAIT);

        // A server DISCONNECT with an error code: the client closes its side too and connects again.
        listener.await(ConnectionSuccessEvent.class, WAIT);
        FakeConnection third = broker.connection();
        broker.send(BrokerReplies.disconnect(0x89, "busy"));
        third.awaitClosed(WAIT);
    }

    @Test
    @Covers("MQTT-4.12.0-7")
    void neverSendsAuthWithoutAnAuthenticationMethodEvenWhenTheServerSendsOne() {
        connect(o -> o);
        assertThat(broker.awaitConnect(WAIT).variableHeader().properties().getProperty(0x15)).isNull();
        FakeConnection connection = broker.connection();
        broker.sendRaw(new byte[] {(byte) 0xF0, 0x00}); // AUTH, Success, unasked for
        connection.awaitClosed(WAIT);
        MqttMessage disconnect = broker.awaitPacket(MqttMessageType.DISCONNECT, WAIT);
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xFF)
                .isEqualTo(0x82);
        assertThat(types(broker.received())).doesNotContain(MqttMessageType.AUTH);
    }
}
