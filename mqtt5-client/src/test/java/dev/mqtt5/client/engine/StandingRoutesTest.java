package dev.mqtt5.client.engine;

import static dev.mqtt5.client.engine.ScriptedClient.WAIT;
import static dev.mqtt5.client.engine.ScriptedClient.packetId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.Acknowledgement;
import dev.mqtt5.client.HandlerRegistration;
import dev.mqtt5.client.ManualAckPublishListener;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.testing.BrokerReplies;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Handlers registered with {@code addHandler}, without subscribing: a resumed session's publishes
 * that arrive before the SUBSCRIBE, precedence against subscriptions' handlers and the listener,
 * removal.
 */
class StandingRoutesTest {

    private final ScriptedClient s = new ScriptedClient();

    @AfterEach
    void tearDown() {
        s.close();
    }

    /** Records what it receives; acknowledges at once, or keeps the acknowledgements for the test. */
    static final class Handler implements ManualAckPublishListener {
        final BlockingQueue<PublishPacket> publishes = new LinkedBlockingQueue<>();
        final BlockingQueue<Acknowledgement> acks = new LinkedBlockingQueue<>();
        private final boolean acknowledgeAtOnce;

        Handler(boolean acknowledgeAtOnce) {
            this.acknowledgeAtOnce = acknowledgeAtOnce;
        }

        @Override
        public void onPublishReceived(PublishPacket publish, Acknowledgement ack) {
            publishes.add(publish);
            if (acknowledgeAtOnce) {
                ack.acknowledge();
            } else {
                acks.add(ack);
            }
        }

        PublishPacket await() throws InterruptedException {
            PublishPacket publish = publishes.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(publish).as("a publish for the handler").isNotNull();
            return publish;
        }

        void assertNothing(Duration within) throws InterruptedException {
            assertThat(publishes.poll(within.toMillis(), TimeUnit.MILLISECONDS)).isNull();
        }
    }

    private static MqttMessage publish(String topic, int qos, int packetId) {
        return BrokerReplies.publish(topic, qos, packetId, topic.getBytes(), MqttProperties.NO_PROPERTIES);
    }

    private List<MqttMessage> received(MqttMessageType type) {
        return s.broker.received().stream().filter(m -> m.fixedHeader().messageType() == type).toList();
    }

    /** A CONNACK without Subscription Identifiers: subscriptions' handlers match by topic filter. */
    private void noSubscriptionIdentifiers() {
        s.broker.onConnect((index, connect) -> BrokerReplies.connAck()
                .property(new MqttProperties.IntegerProperty(0x29, 0)).build());
    }

    @Test
    void aPublishRightAfterConnAckOfAResumedSessionReachesTheHandlerAddedBeforeStartAndItsAckSendsThePubAck()
            throws Exception {
        // The stored message leaves right behind the CONNACK (Session Present), before the client could subscribe.
        s.broker.onConnect((index, connect) -> {
            CompletableFuture.runAsync(() -> s.broker.send(publish("orders/7", 1, 7)));
            return BrokerReplies.connAck().sessionPresent(true).build();
        });
        Mqtt5Client client = s.create(o -> o.sessionBehavior(SessionBehavior.REJOIN_ALWAYS)
                .connectOptions(ConnectPacket.builder().clientId("resumed").sessionExpiryInterval(Duration.ofHours(1))
                        .build()));
        Handler handler = new Handler(false);
        client.addHandler(List.of("orders/+"), handler);
        client.start();

        assertThat(s.listener.await(ConnectionSuccessEvent.class, WAIT).connAck().sessionPresent()).isTrue();
        assertThat(handler.await().topic()).isEqualTo("orders/7");
        Thread.sleep(200);
        assertThat(received(MqttMessageType.PUBACK)).as("acknowledged only when the handler acknowledges").isEmpty();
        handler.acks.take().acknowledge();
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(7);
        assertThat(received(MqttMessageType.SUBSCRIBE)).isEmpty();
        s.listener.assertNoPublish(Duration.ofMillis(100));
    }

    @Test
    void aSubscriptionsHandlerBeatsAStandingRouteWhichBeatsTheListener() throws Exception {
        noSubscriptionIdentifiers();
        s.connect(o -> o);
        Handler subscribed = new Handler(true);
        Handler standing = new Handler(true);
        Handler unrelated = new Handler(true);
        s.client.addHandler(List.of("p/#"), standing);
        s.client.addHandler(List.of("elsewhere/#"), unrelated);
        s.client.subscribe(SubscribePacket.of("p/a", QoS.AT_LEAST_ONCE), subscribed).get(10, TimeUnit.SECONDS);

        s.broker.send(publish("p/a", 1, 1));
        s.broker.send(publish("p/b", 1, 2));
        s.broker.send(publish("q/c", 1, 3));
        assertThat(s.listener.awaitPublish(WAIT).topic()).as("no route matches: the listener").isEqualTo("q/c");
        assertThat(subscribed.await().topic()).isEqualTo("p/a");
        assertThat(standing.await().topic()).isEqualTo("p/b");
        standing.assertNothing(Duration.ofMillis(200));
        subscribed.assertNothing(Duration.ZERO);
        unrelated.assertNothing(Duration.ZERO);
        for (int id = 1; id <= 3; id++) {
            assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(id);
        }
    }

    @Test
    void aHandlerGivenToSubscribeAndToAddHandlerGetsEachPublishOnce() throws Exception {
        s.connect(o -> o);
        Handler handler = new Handler(true);
        // Twice as a standing route, overlapping filters, and once for the subscription (identifier routing).
        s.client.addHandler(List.of("s/#", "s/+"), handler);
        s.client.addHandler(List.of("s/1"), handler);
        s.client.subscribe(SubscribePacket.of("s/#", QoS.AT_LEAST_ONCE), handler).get(10, TimeUnit.SECONDS);
        MqttMessage subscribe = s.broker.awaitPacket(MqttMessageType.SUBSCRIBE, WAIT);
        int id = (Integer) ((MqttSubscribeMessage) subscribe).idAndPropertiesVariableHeader()
                .properties().getProperty(0x0B).value();

        MqttProperties withId = new MqttProperties();
        withId.add(new MqttProperties.IntegerProperty(0x0B, id));
        s.broker.send(BrokerReplies.publish("s/1", 1, 1, new byte[0], withId));
        // Without the identifier (as the previous process's subscription sent it): the standing routes take it.
        s.broker.send(publish("s/1", 1, 2));
        assertThat(handler.await().subscriptionIdentifiers()).containsExactly(id);
        assertThat(handler.await().subscriptionIdentifiers()).isEmpty();
        handler.assertNothing(Duration.ofMillis(300));
        s.listener.assertNoPublish(Duration.ZERO);
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(1);
        assertThat(packetId(s.broker.awaitPacket(MqttMessageType.PUBACK, WAIT))).isEqualTo(2);
    }

    @Test
    void closingTheRegistrationRemovesTheRouteAndClosingAgainDoesNothing() throws Exception {
        s.connect(o -> o);
        Handler handler = new Handler(true);
        Handler other = new Handler(true);
        HandlerRegistration registration = s.client.addHandler(List.of("$share/group/c/+"), handler);
        s.client.addHandler(List.of("c/#"), other);
        s.broker.send(publish("c/1", 0, 0));
        assertThat(handler.await().topic()).isEqualTo("c/1");
        assertThat(other.await().topic()).as("every standing route that matches").isEqualTo("c/1");

        registration.close();
        registration.close();
        s.broker.send(publish("c/2", 0, 0));
        assertThat(other.await().topic()).isEqualTo("c/2");
        handler.assertNothing(Duration.ofMillis(200));
    }

    @Test
    void filtersAreCheckedAsASubscribesAre() {
        s.connect(o -> o);
        Handler handler = new Handler(true);
        assertThatThrownBy(() -> s.client.addHandler(List.of("ok/#", "bad/#/x"), handler))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addHandler topicFilters[1]");
        assertThatThrownBy(() -> s.client.addHandler(List.of("$share/g+/x"), handler))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share group");
        assertThatThrownBy(() -> s.client.addHandler(List.of(), handler))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> s.client.addHandler(List.of("x"), null)).isInstanceOf(NullPointerException.class);
    }
}
