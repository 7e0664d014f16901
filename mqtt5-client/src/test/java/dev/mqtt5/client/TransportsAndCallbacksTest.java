package dev.mqtt5.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.config.WebSocketOptions;
import dev.mqtt5.client.lifecycle.AttemptingConnectEvent;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.lifecycle.StoppedEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import dev.mqtt5.client.testing.TestCertificates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client over every transport mosquitto offers, and callbacks that block. */
@ExtendWith(MosquittoExtension.class)
class TransportsAndCallbacksTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    private final List<Mqtt5Client> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(Mqtt5Client::close);
    }

    private Mqtt5Client client(Mqtt5ClientOptions.Builder builder, RecordingListener listener) {
        Mqtt5Client client = new Mqtt5Client(builder
                .connectOptions(ConnectPacket.builder().clientId("t-" + UUID.randomUUID()).build())
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(500)).build())
                .lifecycleListener(listener).publishReceivedListener(listener).build());
        clients.add(client);
        client.start();
        return client;
    }

    private static void roundTrip(Mqtt5Client client, RecordingListener listener) throws Exception {
        listener.await(ConnectionSuccessEvent.class, WAIT);
        String topic = "t/" + UUID.randomUUID();
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        client.publish(PublishPacket.builder().topic(topic).payload("over the wire").qos(QoS.AT_LEAST_ONCE).build())
                .get(10, TimeUnit.SECONDS);
        assertThat(listener.awaitPublish(WAIT).payloadAsString()).isEqualTo("over the wire");
    }

    private static TlsOptions.Builder trustingTestCa() {
        return TlsOptions.builder().trustedCertificates(TestCertificates.get().ca().certificate());
    }

    @Test
    void roundTripsOverTls(MosquittoBroker broker) throws Exception {
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = client(Mqtt5ClientOptions.builder().hostName("localhost").port(broker.tlsPort())
                .tls(trustingTestCa().build()), listener);
        roundTrip(client, listener);
    }

    @Test
    void roundTripsOverMutualTls(MosquittoBroker broker) throws Exception {
        TestCertificates.Issued cert = TestCertificates.get().client();
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = client(Mqtt5ClientOptions.builder().hostName("localhost").port(broker.mtlsPort())
                .tls(trustingTestCa().clientCertificate(cert.privateKey(), cert.certificate()).build()), listener);
        roundTrip(client, listener);
    }

    @Test
    void mutualTlsWithoutClientCertificateFailsAndKeepsRetrying(MosquittoBroker broker) {
        RecordingListener listener = new RecordingListener();
        client(Mqtt5ClientOptions.builder().hostName("localhost").port(broker.mtlsPort())
                .tls(trustingTestCa().build()), listener);
        ConnectionFailureEvent first = listener.await(ConnectionFailureEvent.class, WAIT);
        assertThat(first.cause()).hasMessageContaining("localhost:" + broker.mtlsPort());
        listener.await(ConnectionFailureEvent.class, WAIT);
    }

    @Test
    void tlsWithTheDefaultTrustStoreRejectsTheTestCertificate(MosquittoBroker broker) {
        RecordingListener listener = new RecordingListener();
        client(Mqtt5ClientOptions.builder().hostName("localhost").port(broker.tlsPort())
                .tls(TlsOptions.builder().build()), listener);
        ConnectionFailureEvent failure = listener.await(ConnectionFailureEvent.class, WAIT);
        assertThat(failure.cause()).hasMessageContaining("TLS");
        assertThat(failure.connAck()).isNull();
    }

    @Test
    void roundTripsOverWebSocket(MosquittoBroker broker) throws Exception {
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = client(Mqtt5ClientOptions.builder().hostName("127.0.0.1").port(broker.wsPort())
                .webSocket(WebSocketOptions.builder().build()), listener);
        roundTrip(client, listener);
    }

    @Test
    void roundTripsOverWebSocketWithTls(MosquittoBroker broker) throws Exception {
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = client(Mqtt5ClientOptions.builder().hostName("localhost").port(broker.wssPort())
                .tls(trustingTestCa().build()).webSocket(WebSocketOptions.builder().build()), listener);
        roundTrip(client, listener);
    }

    @Test
    void aListenerThatBlocksOnPublishJoinDoesNotStallTheClient(MosquittoBroker broker) throws Exception {
        String in = "in/" + UUID.randomUUID();
        String out = "out/" + UUID.randomUUID();
        List<PublishResult> results = new CopyOnWriteArrayList<>();
        List<String> callbackThreads = new CopyOnWriteArrayList<>();
        Mqtt5Client[] self = new Mqtt5Client[1];
        RecordingListener echoEvents = new RecordingListener();
        Mqtt5Client echo = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(broker.host()).port(broker.tcpPort())
                .lifecycleListener(echoEvents)
                .publishReceivedListener(publish -> {
                    callbackThreads.add(Thread.currentThread().getName());
                    // Blocks this callback until the broker acknowledges: must not deadlock.
                    results.add(self[0].publish(PublishPacket.builder().topic(out).payload(publish.payload())
                            .qos(QoS.AT_LEAST_ONCE).build()).join());
                })
                .build());
        self[0] = echo;
        clients.add(echo);
        echo.start();
        echoEvents.await(ConnectionSuccessEvent.class, WAIT);
        echo.subscribe(SubscribePacket.of(in, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);

        RecordingListener listener = new RecordingListener();
        Mqtt5Client sender = client(Mqtt5ClientOptions.builder().hostName(broker.host()).port(broker.tcpPort()), listener);
        listener.await(ConnectionSuccessEvent.class, WAIT);
        sender.subscribe(SubscribePacket.of(out, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
            sender.publish(PublishPacket.builder().topic(in).payload("ping " + i).qos(QoS.AT_LEAST_ONCE).build());
        }
        for (int i = 0; i < 5; i++) {
            assertThat(listener.awaitPublish(WAIT).payloadAsString()).isEqualTo("ping " + i);
        }
        // The echo callback records its result after join() returns, which may be just after delivery.
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> results.size() == 5);
        assertThat(callbackThreads).allSatisfy(name -> assertThat(name).doesNotContain("mqtt5-io"));
        assertThat(listener.threads()).allSatisfy(name -> assertThat(name).doesNotContain("mqtt5-io"));
    }

    /** Extends the listener interface with a default of its own: a class using it handles that event. */
    interface CountsAttempts extends LifecycleListener {
        List<Integer> attempts();

        @Override
        default void onAttemptingConnect(AttemptingConnectEvent event) {
            attempts().add(event.attempt());
        }
    }

    @Test
    void aListenerGetsTheEventsItOverridesAndOnlyOnTheCallbackThreads(MosquittoBroker broker) throws Exception {
        // The client skips events whose method a listener leaves as the interface's empty default;
        // the events a listener does override, directly or through an interface of its own, still come, in order.
        List<Object> events = new CopyOnWriteArrayList<>();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        CountsAttempts listener = new CountsAttempts() {
            @Override
            public List<Integer> attempts() {
                return attempts;
            }

            @Override
            public void onConnectionSuccess(ConnectionSuccessEvent event) {
                events.add(event);
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public void onStopped(StoppedEvent event) {
                events.add(event);
                threads.add(Thread.currentThread().getName());
                stopped.countDown();
            }
        };
        Mqtt5Client client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(broker.host()).port(broker.tcpPort())
                .lifecycleListener(listener).build());
        clients.add(client);
        client.start();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !events.isEmpty());
        client.stop().get(10, TimeUnit.SECONDS);
        // stop() completes after the Stopped event has been delivered.
        assertThat(stopped.getCount()).isZero();
        assertThat(attempts).containsExactly(1);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(ConnectionSuccessEvent.class);
        assertThat(events.get(1)).isInstanceOf(StoppedEvent.class);
        assertThat(threads).allSatisfy(name -> assertThat(name).doesNotContain("mqtt5-io"));
    }
}
