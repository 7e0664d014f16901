package dev.mqtt5.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.config.SessionBehavior;
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

/**
 * A service restarts with a persistent session: mosquitto sends the messages stored for its
 * subscriptions right after CONNACK, before the new process subscribes. A handler added with
 * {@code addHandler} before start takes them; without one, {@code acknowledgeUnroutedPublishes(false)}
 * keeps them on the broker for the next connection.
 */
@ExtendWith(MosquittoExtension.class)
class MosquittoResumedSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MESSAGES = 5;

    private final List<Mqtt5Client> clients = new ArrayList<>();
    private final String clientId = "service-" + UUID.randomUUID();
    private final String base = "orders/" + UUID.randomUUID();
    private final ConnectPacket persistent = ConnectPacket.builder().clientId(clientId)
            .sessionExpiryInterval(Duration.ofHours(1)).build();

    @AfterEach
    void closeClients() {
        clients.forEach(Mqtt5Client::close);
    }

    private Mqtt5Client create(MosquittoBroker broker, RecordingListener listener, Mqtt5ClientOptions.Builder builder) {
        Mqtt5Client client = new Mqtt5Client(builder.hostName(broker.host()).port(broker.tcpPort())
                .lifecycleListener(listener).build());
        clients.add(client);
        return client;
    }

    /** The earlier process: subscribes with the persistent session and stops; then MESSAGES are published. */
    private void subscribeStopAndPublishWhileAway(MosquittoBroker broker) throws Exception {
        RecordingListener listener = new RecordingListener();
        Mqtt5Client earlier = create(broker, listener, Mqtt5ClientOptions.builder().connectOptions(persistent));
        earlier.start();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        earlier.subscribe(SubscribePacket.of(base + "/#", QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        earlier.stop().get(10, TimeUnit.SECONDS);

        RecordingListener publisherEvents = new RecordingListener();
        Mqtt5Client publisher = create(broker, publisherEvents, Mqtt5ClientOptions.builder());
        publisher.start();
        publisherEvents.await(ConnectionSuccessEvent.class, WAIT);
        for (int i = 0; i < MESSAGES; i++) {
            publisher.publish(PublishPacket.builder().topic(base + "/" + i).payload("m" + i).qos(QoS.AT_LEAST_ONCE)
                    .build()).get(10, TimeUnit.SECONDS);
        }
    }

    /** A restarted process: same client id, REJOIN_ALWAYS, a handler added before start, no SUBSCRIBE at all. */
    private List<PublishPacket> restartWithHandler(MosquittoBroker broker) throws Exception {
        RecordingListener listener = new RecordingListener();
        Mqtt5Client restarted = create(broker, listener, Mqtt5ClientOptions.builder().connectOptions(persistent)
                .sessionBehavior(SessionBehavior.REJOIN_ALWAYS));
        List<PublishPacket> handled = new CopyOnWriteArrayList<>();
        restarted.addHandler(List.of(base + "/#"), (publish, ack) -> {
            handled.add(publish);
            ack.acknowledge();
        });
        restarted.start();
        assertThat(listener.await(ConnectionSuccessEvent.class, WAIT).connAck().sessionPresent()).isTrue();
        Awaitility.await().atMost(WAIT).until(() -> handled.size() >= MESSAGES);
        Thread.sleep(200);
        return handled;
    }

    private static List<String> payloads(List<PublishPacket> publishes) {
        return publishes.stream().map(PublishPacket::payloadAsString).toList();
    }

    @Test
    void aHandlerAddedBeforeStartReceivesWhatTheResumedSessionDeliversWithoutAnySubscribe(MosquittoBroker broker)
            throws Exception {
        subscribeStopAndPublishWhileAway(broker);
        List<PublishPacket> handled = restartWithHandler(broker);
        assertThat(payloads(handled)).containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    @Test
    void unroutedPublishesWithheldByOneProcessReachTheHandlerOfTheNext(MosquittoBroker broker) throws Exception {
        subscribeStopAndPublishWhileAway(broker);

        // No handler, no listener: received (the observer sees them) but not acknowledged.
        List<PublishPacket> seen = new CopyOnWriteArrayList<>();
        RecordingListener listener = new RecordingListener();
        Mqtt5Client withholding = create(broker, listener, Mqtt5ClientOptions.builder().connectOptions(persistent)
                .sessionBehavior(SessionBehavior.REJOIN_ALWAYS).acknowledgeUnroutedPublishes(false)
                .publishObserver(new PublishObserver() {
                    @Override
                    public void publishReceived(PublishPacket publish) {
                        seen.add(publish);
                    }
                }));
        withholding.start();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        Awaitility.await().atMost(WAIT).until(() -> seen.size() >= MESSAGES);
        assertThat(payloads(seen)).containsExactly("m0", "m1", "m2", "m3", "m4");
        withholding.stop().get(10, TimeUnit.SECONDS);

        List<PublishPacket> handled = restartWithHandler(broker);
        assertThat(payloads(handled)).as("not lost: sent again on the next connection")
                .containsExactly("m0", "m1", "m2", "m3", "m4");
    }
}
