package dev.mqtt5.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.config.JitterMode;
import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.testing.BlackholeProxy;
import dev.mqtt5.client.testing.BlackholeProxy.Direction;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A link that goes silent without closing (NAT timeout, half-open TCP after a network change) is
 * found within keep-alive + ping timeout whatever the client is doing, through a real proxy in
 * front of a real mosquitto that swallows the server's bytes while both sockets stay open.
 */
@ExtendWith(MosquittoExtension.class)
class DeadLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);
    /** Timer and scheduling slack on a loaded 2-core machine; the rule itself is keep-alive + ping timeout. */
    private static final Duration SLACK = Duration.ofMillis(900);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() throws Exception {
        traffic.shutdownNow();
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private Mqtt5Client start(int port, RecordingListener listener, Duration keepAlive, Duration pingTimeout) {
        Mqtt5Client client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName("127.0.0.1").port(port)
                .connectOptions(ConnectPacket.builder().clientId("dead-link-" + UUID.randomUUID()).keepAlive(keepAlive)
                        .build())
                .pingTimeout(pingTimeout)
                .operationTimeout(Duration.ofSeconds(30))
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(100))
                        .maxDelay(Duration.ofMillis(200)).jitterMode(JitterMode.NONE).build())
                .lifecycleListener(listener).publishReceivedListener(listener).build());
        resources.add(client);
        client.start();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        return client;
    }

    private BlackholeProxy proxy(MosquittoBroker broker) throws Exception {
        BlackholeProxy proxy = new BlackholeProxy(broker.tcpPort());
        resources.add(proxy);
        return proxy;
    }

    /** Black-holes the given directions and returns how long the client took to report the link dead. */
    private static Duration detectionTime(BlackholeProxy proxy, RecordingListener listener, Direction... directions) {
        long start = System.nanoTime();
        proxy.blackhole(directions);
        DisconnectionEvent event = listener.await(DisconnectionEvent.class, Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(event.cause()).hasMessageContaining("PINGREQ").hasMessageContaining("the connection is dead");
        return took;
    }

    private static void assertWithinRule(Duration took) {
        assertThat(took).isLessThanOrEqualTo(KEEP_ALIVE.plus(PING_TIMEOUT).plus(SLACK));
    }

    @Test
    void anIdleClientFindsASilentServerAndReconnectsWhenTheLinkIsBack(MosquittoBroker broker) throws Exception {
        BlackholeProxy proxy = proxy(broker);
        RecordingListener listener = new RecordingListener();
        start(proxy.port(), listener, KEEP_ALIVE, PING_TIMEOUT);

        assertWithinRule(detectionTime(proxy, listener, Direction.TO_CLIENT));

        proxy.restore();
        listener.await(ConnectionSuccessEvent.class, WAIT);
    }

    @Test
    void aClientPublishingQos0OnlyFindsASilentServer(MosquittoBroker broker) throws Exception {
        BlackholeProxy proxy = proxy(broker);
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = start(proxy.port(), listener, KEEP_ALIVE, PING_TIMEOUT);
        String topic = "dead/" + UUID.randomUUID();
        // 50 msg/s: the client always has something written, so a write-idle ping alone would never go out.
        traffic.scheduleAtFixedRate(() -> client.publish(PublishPacket.builder().topic(topic).payload("x").build()),
                0, 20, TimeUnit.MILLISECONDS);
        Thread.sleep(KEEP_ALIVE.toMillis() + 500); // the link works: no disconnection while the server answers pings

        assertWithinRule(detectionTime(proxy, listener, Direction.TO_CLIENT));
        assertThat(listener.eventNames()).containsOnlyOnce("Disconnection");
    }

    @Test
    void aClientPublishingQos1WhoseAcksNeverComeFindsASilentServer(MosquittoBroker broker) throws Exception {
        BlackholeProxy proxy = proxy(broker);
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = start(proxy.port(), listener, KEEP_ALIVE, PING_TIMEOUT);
        String topic = "dead/" + UUID.randomUUID();
        traffic.scheduleAtFixedRate(() -> client.publish(PublishPacket.builder().topic(topic).payload("x")
                .qos(QoS.AT_LEAST_ONCE).build()), 0, 20, TimeUnit.MILLISECONDS);
        Thread.sleep(500);

        assertWithinRule(detectionTime(proxy, listener, Direction.TO_CLIENT));

        // The publishes that never got their PUBACK are kept and delivered on the next connection.
        traffic.shutdownNow();
        proxy.restore();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        org.awaitility.Awaitility.await().atMost(WAIT)
                .until(() -> client.operationStatistics().incompleteOperationCount() == 0);
    }

    @Test
    void aClientThatOnlyReceivesFindsASilentServer(MosquittoBroker broker) throws Exception {
        BlackholeProxy proxy = proxy(broker);
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = start(proxy.port(), listener, KEEP_ALIVE, PING_TIMEOUT);
        String topic = "dead/" + UUID.randomUUID();
        client.subscribe(SubscribePacket.of(topic, QoS.AT_MOST_ONCE)).get(10, TimeUnit.SECONDS);
        RecordingListener publisherEvents = new RecordingListener();
        Mqtt5Client publisher = start(broker.tcpPort(), publisherEvents, Duration.ofSeconds(60), PING_TIMEOUT);
        traffic.scheduleAtFixedRate(() -> publisher.publish(PublishPacket.builder().topic(topic).payload("x").build()),
                0, 20, TimeUnit.MILLISECONDS);
        listener.awaitPublish(WAIT);

        assertWithinRule(detectionTime(proxy, listener, Direction.TO_CLIENT));
    }

    @Test
    void aLinkDeadInBothDirectionsIsFoundBeforeTheServerGivesUpOnTheClient(MosquittoBroker broker) throws Exception {
        // Keep-alive 4 s, ping timeout 1 s: the client must find the dead link (<= 5 s) before mosquitto
        // drops its side at 1.5 x keep-alive (6 s), which the proxy would pass on as a FIN.
        BlackholeProxy proxy = proxy(broker);
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = start(proxy.port(), listener, Duration.ofSeconds(4), PING_TIMEOUT);
        String topic = "dead/" + UUID.randomUUID();
        traffic.scheduleAtFixedRate(() -> client.publish(PublishPacket.builder().topic(topic).payload("x")
                .qos(QoS.AT_LEAST_ONCE).build()), 0, 20, TimeUnit.MILLISECONDS);
        Thread.sleep(500);

        Duration took = detectionTime(proxy, listener, Direction.TO_CLIENT, Direction.TO_SERVER);
        assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(5).plus(SLACK));
    }
}
