package dev.mqtt5.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.DisconnectPacket;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import dev.mqtt5.client.packet.PayloadFormat;
import dev.mqtt5.client.packet.PubAckReasonCode;
import dev.mqtt5.client.packet.PubCompReasonCode;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.RetainHandling;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubAckReasonCode;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.Subscription;
import dev.mqtt5.client.packet.UnsubAckReasonCode;
import dev.mqtt5.client.packet.UnsubscribePacket;
import dev.mqtt5.client.packet.UserProperty;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Round trips through a real mosquitto: every QoS, retained and will messages, subscription options, properties. */
@ExtendWith(MosquittoExtension.class)
class MosquittoRoundTripTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Mqtt5Client> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(Mqtt5Client::close);
    }

    Mqtt5Client connected(MosquittoBroker broker, RecordingListener listener) {
        return connected(broker, listener, ConnectPacket.builder().clientId("c-" + UUID.randomUUID()).build());
    }

    Mqtt5Client connected(MosquittoBroker broker, RecordingListener listener, ConnectPacket connect) {
        Mqtt5Client client = new Mqtt5Client(Mqtt5ClientOptions.builder()
                .hostName(broker.host()).port(broker.tcpPort())
                .connectOptions(connect)
                .lifecycleListener(listener).publishReceivedListener(listener)
                .build());
        clients.add(client);
        client.start();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        return client;
    }

    static String topic() {
        return "test/" + UUID.randomUUID();
    }

    @Test
    void publishesRepeatedToOneTopicStringAndToChangingTopicsArriveOnTheirTopics(MosquittoBroker broker)
            throws Exception {
        // A client keeps the UTF-8 form of a topic String it publishes to twice in a row; the wire
        // must not change with it, whatever comes between (multi-byte UTF-8 on purpose).
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = connected(broker, listener);
        String base = topic();
        client.subscribe(SubscribePacket.of(base + "/#", QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        String fixed = base + "/température/€";
        String sameText = new String(fixed.toCharArray());
        String other = base + "/other";
        String[] sequence = {fixed, fixed, fixed, sameText, other, fixed, other, other, fixed};
        for (int i = 0; i < sequence.length; i++) {
            client.publish(PublishPacket.builder().topic(sequence[i]).payload("m" + i).qos(QoS.AT_LEAST_ONCE).build())
                    .get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < sequence.length; i++) {
            PublishPacket received = listener.awaitPublish(WAIT);
            assertThat(received.payloadAsString()).isEqualTo("m" + i);
            assertThat(received.topic()).isEqualTo(sequence[i]);
        }

        // A topic that is not a valid topic name fails every time, also once the client has seen it.
        String invalid = base + "/+";
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.publish(PublishPacket.builder().topic(invalid).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("publish topic must not contain the wildcard '+' (at index " + (base.length() + 1)
                            + "): '" + invalid + "'");
        }
        listener.assertNoPublish(Duration.ofMillis(200));
    }

    @Test
    void deliversAtEveryQosAndCompletesFuturesWithTheAcks(MosquittoBroker broker) throws Exception {
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = connected(broker, listener);
        String topic = topic();
        SubAckPacket subAck = client.subscribe(SubscribePacket.of(topic, QoS.EXACTLY_ONCE)).get(10, TimeUnit.SECONDS);
        assertThat(subAck.reasonCodes()).containsExactly(SubAckReasonCode.GRANTED_QOS_2);

        PublishResult qos0 = client.publish(PublishPacket.builder().topic(topic).payload("zero").build()).get(10, TimeUnit.SECONDS);
        assertThat(qos0.qos()).isEqualTo(QoS.AT_MOST_ONCE);
        assertThat(listener.awaitPublish(WAIT).payloadAsString()).isEqualTo("zero");

        PublishResult qos1 = client.publish(PublishPacket.builder().topic(topic).payload("one").qos(QoS.AT_LEAST_ONCE).build())
                .get(10, TimeUnit.SECONDS);
        assertThat(qos1.pubAck().reasonCode()).isEqualTo(PubAckReasonCode.SUCCESS);
        PublishPacket one = listener.awaitPublish(WAIT);
        assertThat(one.payloadAsString()).isEqualTo("one");
        assertThat(one.qos()).isEqualTo(QoS.AT_LEAST_ONCE);

        PublishResult qos2 = client.publish(PublishPacket.builder().topic(topic).payload("two").qos(QoS.EXACTLY_ONCE).build())
                .get(10, TimeUnit.SECONDS);
        assertThat(qos2.pubComp().reasonCode()).isEqualTo(PubCompReasonCode.SUCCESS);
        assertThat(qos2.pubRec()).isNotNull();
        PublishPacket two = listener.awaitPublish(WAIT);
        assertThat(two.payloadAsString()).isEqualTo("two");
        assertThat(two.qos()).isEqualTo(QoS.EXACTLY_ONCE);

        assertThat(client.unsubscribe(UnsubscribePacket.of(topic)).get(10, TimeUnit.SECONDS).reasonCodes())
                .containsExactly(UnsubAckReasonCode.SUCCESS);
        client.publish(PublishPacket.builder().topic(topic).payload("after").qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        listener.assertNoPublish(Duration.ofMillis(300));
        assertThat(client.operationStatistics()).isEqualTo(OperationStatistics.EMPTY);
    }

    @Test
    void everyPublishPropertySurvivesTheTrip(MosquittoBroker broker) throws Exception {
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = connected(broker, listener);
        String topic = topic();
        client.subscribe(SubscribePacket.builder()
                .subscription(Subscription.of(topic, QoS.AT_LEAST_ONCE)).subscriptionIdentifier(42).build())
                .get(10, TimeUnit.SECONDS);
        byte[] correlation = {1, 2, 3, 0, (byte) 0xFF};
        client.publish(PublishPacket.builder().topic(topic).payload("{\"a\":1}").qos(QoS.AT_LEAST_ONCE)
                .payloadFormat(PayloadFormat.UTF8)
                .messageExpiryInterval(Duration.ofSeconds(3600))
                .contentType("application/json")
                .responseTopic("reply/here")
                .correlationData(correlation)
                .userProperty("k", "v1").userProperty("k", "v2").userProperty("ü", "ß")
                .build()).get(10, TimeUnit.SECONDS);
        PublishPacket received = listener.awaitPublish(WAIT);
        assertThat(received.topic()).isEqualTo(topic);
        assertThat(received.payloadAsString()).isEqualTo("{\"a\":1}");
        assertThat(received.payloadFormat()).isEqualTo(PayloadFormat.UTF8);
        assertThat(received.messageExpiryInterval().getSeconds()).isBetween(3590L, 3600L);
        assertThat(received.contentType()).isEqualTo("application/json");
        assertThat(received.responseTopic()).isEqualTo("reply/here");
        assertThat(received.correlationData()).containsExactly(correlation);
        assertThat(received.userProperties()).containsExactly(
                UserProperty.of("k", "v1"), UserProperty.of("k", "v2"), UserProperty.of("ü", "ß"));
        assertThat(received.subscriptionIdentifiers()).containsExactly(42);
    }

    @Test
    void retainedMessageReachesALaterSubscriberAndRetainHandlingIsHonoured(MosquittoBroker broker) throws Exception {
        RecordingListener publisherEvents = new RecordingListener();
        Mqtt5Client publisher = connected(broker, publisherEvents);
        String topic = topic();
        publisher.publish(PublishPacket.builder().topic(topic).payload("kept").retain(true).qos(QoS.AT_LEAST_ONCE).build())
                .get(10, TimeUnit.SECONDS);

        RecordingListener subscriberEvents = new RecordingListener();
        Mqtt5Client subscriber = connected(broker, subscriberEvents);
        subscriber.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        PublishPacket retained = subscriberEvents.awaitPublish(WAIT);
        assertThat(retained.payloadAsString()).isEqualTo("kept");
        assertThat(retained.retain()).isTrue();

        RecordingListener dontSendEvents = new RecordingListener();
        Mqtt5Client dontSend = connected(broker, dontSendEvents);
        dontSend.subscribe(SubscribePacket.builder().subscription(Subscription.builder(topic)
                .qos(QoS.AT_LEAST_ONCE).retainHandling(RetainHandling.DONT_SEND).build()).build()).get(10, TimeUnit.SECONDS);
        dontSendEvents.assertNoPublish(Duration.ofMillis(300));
    }

    @Test
    void retainAsPublishedKeepsTheRetainFlagOnForwardedMessages(MosquittoBroker broker) throws Exception {
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = connected(broker, listener);
        String keep = topic();
        String clear = topic();
        client.subscribe(SubscribePacket.builder()
                .subscription(Subscription.builder(keep).qos(QoS.AT_LEAST_ONCE).retainAsPublished(true).build())
                .build()).get(10, TimeUnit.SECONDS);
        client.subscribe(SubscribePacket.of(clear, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        client.publish(PublishPacket.builder().topic(keep).payload("a").retain(true).qos(QoS.AT_LEAST_ONCE).build()).join();
        assertThat(listener.awaitPublish(WAIT).retain()).isTrue();
        client.publish(PublishPacket.builder().topic(clear).payload("b").retain(true).qos(QoS.AT_LEAST_ONCE).build()).join();
        assertThat(listener.awaitPublish(WAIT).retain()).isFalse();
    }

    @Test
    void noLocalSubscriptionDoesNotReceiveTheClientsOwnPublishes(MosquittoBroker broker) throws Exception {
        RecordingListener ownEvents = new RecordingListener();
        Mqtt5Client own = connected(broker, ownEvents);
        RecordingListener otherEvents = new RecordingListener();
        Mqtt5Client other = connected(broker, otherEvents);
        String topic = topic();
        own.subscribe(SubscribePacket.builder().subscription(Subscription.builder(topic)
                .qos(QoS.AT_LEAST_ONCE).noLocal(true).build()).build()).get(10, TimeUnit.SECONDS);
        other.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        own.publish(PublishPacket.builder().topic(topic).payload("mine").qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        assertThat(otherEvents.awaitPublish(WAIT).payloadAsString()).isEqualTo("mine");
        ownEvents.assertNoPublish(Duration.ofMillis(300));
    }

    @Test
    void sharedSubscriptionDeliversEachMessageToExactlyOneMemberOfTheGroup(MosquittoBroker broker) throws Exception {
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        Mqtt5Client clientA = connected(broker, a);
        Mqtt5Client clientB = connected(broker, b);
        String topic = topic();
        clientA.subscribe(SubscribePacket.of("$share/group/" + topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        clientB.subscribe(SubscribePacket.of("$share/group/" + topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        RecordingListener pubEvents = new RecordingListener();
        Mqtt5Client publisher = connected(broker, pubEvents);
        int n = 20;
        for (int i = 0; i < n; i++) {
            publisher.publish(PublishPacket.builder().topic(topic).payload("m" + i).qos(QoS.AT_LEAST_ONCE).build())
                    .get(10, TimeUnit.SECONDS);
        }
        List<String> all = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (all.size() < n && System.nanoTime() < deadline) {
            drain(a, all);
            drain(b, all);
        }
        assertThat(all).hasSize(n).doesNotHaveDuplicates();
        a.assertNoPublish(Duration.ofMillis(200));
        b.assertNoPublish(Duration.ofMillis(200));
    }

    private static void drain(RecordingListener listener, List<String> into) {
        try {
            into.add(listener.awaitPublish(Duration.ofMillis(20)).payloadAsString());
        } catch (AssertionError none) {
            // nothing from this member right now
        }
    }

    @Test
    void willMessageIsPublishedWhenTheClientDisconnectsWithWill(MosquittoBroker broker) throws Exception {
        String willTopic = topic();
        RecordingListener watcherEvents = new RecordingListener();
        Mqtt5Client watcher = connected(broker, watcherEvents);
        watcher.subscribe(SubscribePacket.of(willTopic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);

        RecordingListener dyingEvents = new RecordingListener();
        Mqtt5Client dying = connected(broker, dyingEvents, ConnectPacket.builder().clientId("dying-" + UUID.randomUUID())
                .will(PublishPacket.builder().topic(willTopic).payload("gone").qos(QoS.AT_LEAST_ONCE)
                        .userProperty("why", "test").build())
                .build());
        dying.stop(DisconnectPacket.builder().reasonCode(DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).build())
                .get(10, TimeUnit.SECONDS);
        PublishPacket will = watcherEvents.awaitPublish(WAIT);
        assertThat(will.payload()).isEqualTo("gone".getBytes(StandardCharsets.UTF_8));
        assertThat(will.userProperties()).containsExactly(UserProperty.of("why", "test"));
    }

    @Test
    void normalDisconnectDiscardsTheWill(MosquittoBroker broker) throws Exception {
        String willTopic = topic();
        RecordingListener watcherEvents = new RecordingListener();
        Mqtt5Client watcher = connected(broker, watcherEvents);
        watcher.subscribe(SubscribePacket.of(willTopic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        Mqtt5Client leaving = connected(broker, new RecordingListener(), ConnectPacket.builder()
                .clientId("leaving-" + UUID.randomUUID())
                .will(PublishPacket.builder().topic(willTopic).payload("gone").build()).build());
        leaving.stop().get(10, TimeUnit.SECONDS);
        watcherEvents.assertNoPublish(Duration.ofMillis(500));
    }
}
