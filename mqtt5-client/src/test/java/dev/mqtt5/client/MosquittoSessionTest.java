package dev.mqtt5.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.config.TopicAliasingOptions;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Per-subscription handlers, topic aliases and session resumption against a real mosquitto. */
@ExtendWith(MosquittoExtension.class)
class MosquittoSessionTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    private final List<Mqtt5Client> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(Mqtt5Client::close);
    }

    private Mqtt5Client start(MosquittoBroker broker, RecordingListener listener, Mqtt5ClientOptions.Builder builder) {
        Mqtt5Client client = new Mqtt5Client(builder.hostName(broker.host()).port(broker.tcpPort())
                .lifecycleListener(listener).publishReceivedListener(listener).build());
        clients.add(client);
        client.start();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        return client;
    }

    @Test
    void handlersGetTheirSubscriptionsPublishesAndTheListenerTheRest(MosquittoBroker broker) throws Exception {
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = start(broker, listener, Mqtt5ClientOptions.builder());
        String base = "h/" + UUID.randomUUID();
        List<String> alarms = new CopyOnWriteArrayList<>();
        client.subscribe(SubscribePacket.of(base + "/alarm/+", QoS.AT_LEAST_ONCE), p -> alarms.add(p.topic()))
                .get(10, TimeUnit.SECONDS);
        client.subscribe(SubscribePacket.of(base + "/telemetry", QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        client.publish(PublishPacket.builder().topic(base + "/alarm/fire").qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        client.publish(PublishPacket.builder().topic(base + "/telemetry").qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        assertThat(listener.awaitPublish(WAIT).topic()).isEqualTo(base + "/telemetry");
        Awaitility.await().atMost(WAIT).until(() -> alarms.size() == 1);
        assertThat(alarms).containsExactly(base + "/alarm/fire");
        listener.assertNoPublish(Duration.ofMillis(200));
    }

    @Test
    void lruTopicAliasesAreUnderstoodByARealBroker(MosquittoBroker broker) throws Exception {
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = start(broker, listener, Mqtt5ClientOptions.builder().topicAliasing(TopicAliasingOptions.lru(4)));
        assertThat(client.negotiatedSettings().topicAliasMaximumToServer()).isPositive();
        String topic = "alias/" + UUID.randomUUID();
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            client.publish(PublishPacket.builder().topic(topic).payload("m" + i).qos(QoS.AT_LEAST_ONCE).build())
                    .get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 3; i++) {
            PublishPacket received = listener.awaitPublish(WAIT);
            assertThat(received.topic()).isEqualTo(topic);
            assertThat(received.payloadAsString()).isEqualTo("m" + i);
        }
    }

    @Test
    void aRejoinedSessionDeliversWhatWasPublishedWhileTheClientWasAway(MosquittoBroker broker) throws Exception {
        String clientId = "persistent-" + UUID.randomUUID();
        String topic = "away/" + UUID.randomUUID();
        ConnectPacket connect = ConnectPacket.builder().clientId(clientId).sessionExpiryInterval(Duration.ofMinutes(5)).build();
        RecordingListener first = new RecordingListener();
        Mqtt5Client subscriber = start(broker, first, Mqtt5ClientOptions.builder().connectOptions(connect));
        subscriber.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        subscriber.stop().get(10, TimeUnit.SECONDS);

        Mqtt5Client publisher = start(broker, new RecordingListener(), Mqtt5ClientOptions.builder());
        publisher.publish(PublishPacket.builder().topic(topic).payload("while away").qos(QoS.AT_LEAST_ONCE).build())
                .get(10, TimeUnit.SECONDS);

        RecordingListener second = new RecordingListener();
        Mqtt5Client again = start(broker, second, Mqtt5ClientOptions.builder().connectOptions(connect)
                .sessionBehavior(SessionBehavior.REJOIN_ALWAYS));
        assertThat(again.negotiatedSettings().rejoinedSession()).isTrue();
        assertThat(second.awaitPublish(WAIT).payloadAsString()).isEqualTo("while away");
    }
}
