package dev.mqtt5.client.engine;

import static dev.mqtt5.client.engine.ScriptedClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.RecordingListener;
import dev.mqtt5.client.exception.SubscribeFailedException;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.UnsubscribePacket;
import dev.mqtt5.client.testing.BrokerReplies;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Subscription Identifiers the client assigns to handler subscriptions and the ones the
 * application chooses never meet: against the scripted broker (what goes on the wire) and against
 * mosquitto (where the publishes really go).
 */
@ExtendWith(MosquittoExtension.class)
class SubscriptionIdentifierTest {

    private static final int FIRST_ASSIGNED = 268_435_455;
    private static final int LAST_ASSIGNED = 134_217_728;

    private final ScriptedClient s = new ScriptedClient();
    private Mqtt5Client mosquittoClient;

    @AfterEach
    void tearDown() {
        if (mosquittoClient != null) {
            mosquittoClient.close();
        }
        s.close();
    }

    private int nextSubscribeIdentifier() {
        MqttSubscribeMessage subscribe = (MqttSubscribeMessage) s.broker.awaitPacket(MqttMessageType.SUBSCRIBE, WAIT);
        MqttProperties.MqttProperty<?> id = subscribe.idAndPropertiesVariableHeader().properties().getProperty(0x0B);
        return id == null ? 0 : (Integer) id.value();
    }

    private static SubscribePacket withIdentifier(String filter, int id) {
        return SubscribePacket.builder().subscription(filter, QoS.AT_LEAST_ONCE).subscriptionIdentifier(id).build();
    }

    private static MqttProperties identifier(int id) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(0x0B, id));
        return properties;
    }

    @Test
    void theClientSkipsAnIdentifierTheApplicationUsesWhenItAssignsOne() throws Exception {
        s.connect(o -> o);
        RecordingListener firstHandler = new RecordingListener();
        s.client.subscribe(SubscribePacket.of("first/#", QoS.AT_LEAST_ONCE), firstHandler).get(10, TimeUnit.SECONDS);
        int first = nextSubscribeIdentifier();
        assertThat(first).isBetween(LAST_ASSIGNED, FIRST_ASSIGNED);

        // The application takes the identifier the client would assign next (they count down).
        int own = first - 1;
        s.client.subscribe(withIdentifier("app/#", own)).get(10, TimeUnit.SECONDS);
        assertThat(nextSubscribeIdentifier()).isEqualTo(own);
        RecordingListener handler = new RecordingListener();
        s.client.subscribe(SubscribePacket.of("app/handler/#", QoS.AT_LEAST_ONCE), handler).get(10, TimeUnit.SECONDS);
        int assigned = nextSubscribeIdentifier();
        assertThat(assigned).isBetween(LAST_ASSIGNED, FIRST_ASSIGNED).isNotIn(first, own);

        // The server says which subscriptions matched: the application's goes to the listener only.
        s.broker.send(BrokerReplies.publish("app/handler/x", 1, 1, "app".getBytes(), identifier(own)));
        s.broker.send(BrokerReplies.publish("app/handler/x", 1, 2, "handler".getBytes(), identifier(assigned)));
        assertThat(handler.awaitPublish(WAIT).payloadAsString()).isEqualTo("handler");
        assertThat(s.listener.awaitPublish(WAIT).payloadAsString()).isEqualTo("app");
        handler.assertNoPublish(Duration.ofMillis(200));
        s.listener.assertNoPublish(Duration.ofMillis(0));
        firstHandler.assertNoPublish(Duration.ofMillis(0));
    }

    @Test
    void anIdentifierTheClientAssignedToALiveHandlerSubscriptionIsRefusedWithAClearMessage() throws Exception {
        s.connect(o -> o);
        s.client.subscribe(SubscribePacket.of("alarms/#", QoS.AT_LEAST_ONCE), new RecordingListener())
                .get(10, TimeUnit.SECONDS);
        int assigned = nextSubscribeIdentifier();

        CompletableFuture<SubAckPacket> colliding = s.client.subscribe(withIdentifier("mine/#", assigned));
        assertThatThrownBy(() -> colliding.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subscribe subscriptionIdentifier " + assigned + " is in use on this client: the client "
                        + "assigned it to the handler subscription of [alarms/#]. The client assigns identifiers from "
                        + "268435455 down to 134217728 to subscriptions with handlers; choose one below 134217728, or "
                        + "leave it unset");
        // Nor with a handler of its own: a handler's identifier must be unique too.
        CompletableFuture<SubAckPacket> withHandler = s.client.subscribe(withIdentifier("mine/#", assigned),
                new RecordingListener());
        assertThatThrownBy(() -> withHandler.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[alarms/#]");

        // Neither SUBSCRIBE was sent: the next one the broker sees is this one.
        s.client.subscribe(withIdentifier("mine/#", 7)).get(10, TimeUnit.SECONDS);
        assertThat(nextSubscribeIdentifier()).isEqualTo(7);
    }

    @Test
    void anIdentifierIsFreeAgainOnceItsHandlerSubscriptionIsUnsubscribedOrRefused() throws Exception {
        s.connect(o -> o);
        s.client.subscribe(SubscribePacket.of("gone/#", QoS.AT_LEAST_ONCE), new RecordingListener())
                .get(10, TimeUnit.SECONDS);
        int unsubscribed = nextSubscribeIdentifier();
        s.client.unsubscribe(UnsubscribePacket.of("gone/#")).get(10, TimeUnit.SECONDS);
        s.client.subscribe(withIdentifier("mine/1", unsubscribed)).get(10, TimeUnit.SECONDS);
        assertThat(nextSubscribeIdentifier()).isEqualTo(unsubscribed);

        s.broker.reply(MqttMessageType.SUBSCRIBE, m -> BrokerReplies.subAck((MqttSubscribeMessage) m, 0x87));
        CompletableFuture<SubAckPacket> refused = s.client.subscribe(SubscribePacket.of("refused/#", QoS.AT_LEAST_ONCE),
                new RecordingListener());
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(SubscribeFailedException.class);
        int refusedId = nextSubscribeIdentifier();
        s.broker.defaultReply(MqttMessageType.SUBSCRIBE);
        s.client.subscribe(withIdentifier("mine/2", refusedId)).get(10, TimeUnit.SECONDS);
        assertThat(nextSubscribeIdentifier()).isEqualTo(refusedId);
    }

    @Test
    void withMosquittoTheApplicationsIdentifierAndAnOverlappingHandlerSubscriptionStayApart(MosquittoBroker broker)
            throws Exception {
        RecordingListener listener = new RecordingListener();
        mosquittoClient = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(broker.host()).port(broker.tcpPort())
                .connectOptions(ConnectPacket.builder().clientId("ids-" + UUID.randomUUID()).build())
                .lifecycleListener(listener).publishReceivedListener(listener).build());
        mosquittoClient.start();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        String base = "ids/" + UUID.randomUUID();

        // The identifier the client assigned, as mosquitto hands it back with a publish.
        RecordingListener probe = new RecordingListener();
        mosquittoClient.subscribe(SubscribePacket.of(base + "/probe", QoS.AT_LEAST_ONCE), probe).get(10, TimeUnit.SECONDS);
        publish(base + "/probe", "probe");
        int probeId = probe.awaitPublish(WAIT).subscriptionIdentifiers().get(0);

        // The application takes the identifier the client would assign next, on a filter the handler's overlaps.
        int own = probeId - 1;
        mosquittoClient.subscribe(withIdentifier(base + "/app/#", own)).get(10, TimeUnit.SECONDS);
        RecordingListener handler = new RecordingListener();
        mosquittoClient.subscribe(SubscribePacket.of(base + "/app/handler/#", QoS.AT_LEAST_ONCE), handler)
                .get(10, TimeUnit.SECONDS);

        publish(base + "/app/plain", "app only");
        PublishPacket forApp = listener.awaitPublish(WAIT);
        assertThat(forApp.payloadAsString()).isEqualTo("app only");
        assertThat(forApp.subscriptionIdentifiers()).containsExactly(own);
        handler.assertNoPublish(Duration.ofMillis(300));

        publish(base + "/app/handler/1", "both");
        PublishPacket forHandler = handler.awaitPublish(WAIT);
        assertThat(forHandler.payloadAsString()).isEqualTo("both");
        int handlerId = forHandler.subscriptionIdentifiers().stream().filter(id -> id != own).findFirst().orElseThrow();
        assertThat(handlerId).isBetween(LAST_ASSIGNED, FIRST_ASSIGNED).isNotEqualTo(probeId);

        CompletableFuture<SubAckPacket> colliding = mosquittoClient.subscribe(withIdentifier(base + "/other", handlerId));
        assertThatThrownBy(() -> colliding.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subscriptionIdentifier " + handlerId + " is in use on this client")
                .hasMessageContaining("[" + base + "/app/handler/#]")
                .hasMessageContaining("choose one below 134217728, or leave it unset");
    }

    private void publish(String topic, String payload) throws Exception {
        mosquittoClient.publish(PublishPacket.builder().topic(topic).payload(payload).qos(QoS.AT_LEAST_ONCE).build())
                .get(10, TimeUnit.SECONDS);
    }
}
