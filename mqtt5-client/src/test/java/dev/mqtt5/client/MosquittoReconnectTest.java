package dev.mqtt5.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.lifecycle.AttemptingConnectEvent;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.testing.FreePorts;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import dev.mqtt5.client.testing.TestCertificates;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Mqtt5Client#reconnect()} against a real mosquitto: nothing queued or unacknowledged is
 * lost, and a rotated client certificate is presented by the next connection (mosquitto takes the
 * certificate's CN as the user name and logs it for each connection).
 */
class MosquittoReconnectTest {

    /** Receive Maximum 1 keeps the client's QoS 1 publishes waiting in its queue, one in flight. */
    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension(MosquittoBroker.builder()
            .configLine("max_inflight_messages 1").configLine("connection_messages true")
            .mtlsListenerLine("use_identity_as_username true"));

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final List<Mqtt5Client> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(Mqtt5Client::close);
    }

    private Mqtt5Client start(RecordingListener listener, Mqtt5ClientOptions.Builder builder) {
        return start(listener, listener, builder);
    }

    private Mqtt5Client start(LifecycleListener lifecycle, RecordingListener listener, Mqtt5ClientOptions.Builder builder) {
        Mqtt5Client client = new Mqtt5Client(builder.lifecycleListener(lifecycle).publishReceivedListener(listener).build());
        clients.add(client);
        client.start();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        return client;
    }

    @Test
    void reconnectKeepsQueuedAndUnacknowledgedPublishesOfEveryQos() throws Exception {
        MosquittoBroker broker = MOSQUITTO.broker();
        String topic = "reconnect/" + UUID.randomUUID();
        RecordingListener subscriberEvents = new RecordingListener();
        Mqtt5Client subscriber = start(subscriberEvents, Mqtt5ClientOptions.builder().hostName(broker.host())
                .port(broker.tcpPort()));
        subscriber.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);

        List<CompletableFuture<PublishResult>> results = new CopyOnWriteArrayList<>();
        AtomicInteger doneAtDisconnection = new AtomicInteger(-1);
        RecordingListener events = new RecordingListener();
        LifecycleListener counting = new LifecycleListener() {
            @Override
            public void onConnectionSuccess(ConnectionSuccessEvent event) {
                events.onConnectionSuccess(event);
            }

            @Override
            public void onDisconnection(DisconnectionEvent event) {
                // Futures complete on the same serial callback executor, in order with the events.
                doneAtDisconnection.set((int) results.stream().filter(CompletableFuture::isDone).count());
                events.onDisconnection(event);
            }
        };
        Mqtt5Client publisher = start(counting, events, Mqtt5ClientOptions.builder().hostName(broker.host())
                .port(broker.tcpPort())
                .connectOptions(ConnectPacket.builder().clientId("reconnecting-" + UUID.randomUUID())
                        .sessionExpiryInterval(Duration.ofMinutes(1)).build()));
        assertThat(publisher.negotiatedSettings().receiveMaximumFromServer()).isEqualTo(1);

        Set<String> expected = ConcurrentHashMap.newKeySet();
        int count = 600;
        for (int i = 0; i < count; i++) {
            // QoS 0 behind QoS 1 waits in the queue too: the default offline-queue behaviour would fail it.
            QoS qos = i % 3 == 2 ? QoS.AT_MOST_ONCE : QoS.AT_LEAST_ONCE;
            expected.add("m" + i);
            results.add(publisher.publish(PublishPacket.builder().topic(topic).payload("m" + i).qos(qos).build()));
        }
        publisher.reconnect();

        assertThat(events.await(DisconnectionEvent.class, WAIT).cause()).hasMessageContaining("reconnect()");
        assertThat(doneAtDisconnection.get()).as("publishes complete before the reconnect").isBetween(0, count - 10);
        ConnectionSuccessEvent again = events.await(ConnectionSuccessEvent.class, WAIT);
        assertThat(again.settings().rejoinedSession()).isTrue();
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Set<String> received = ConcurrentHashMap.newKeySet();
        while (!received.containsAll(expected)) {
            received.add(subscriberEvents.awaitPublish(WAIT).payloadAsString()); // fails after WAIT without one
        }
        assertThat(publisher.operationStatistics().incompleteOperationCount()).isZero();
    }

    @Test
    void reconnectWhileWaitingToReconnectTriesAtOnce() throws Exception {
        int closedPort = FreePorts.allocate(1).get(0);
        RecordingListener events = new RecordingListener();
        Mqtt5Client client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName("127.0.0.1").port(closedPort)
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMinutes(1))
                        .maxDelay(Duration.ofMinutes(2)).build())
                .lifecycleListener(events).build());
        clients.add(client);
        client.start();
        events.await(ConnectionFailureEvent.class, WAIT);
        Awaitility.await().atMost(WAIT).until(() -> client.state() == ClientState.PENDING_RECONNECT);
        long before = System.nanoTime();
        client.reconnect();
        events.await(AttemptingConnectEvent.class, WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void reconnectOfAStoppedClientDoesNothing() throws Exception {
        RecordingListener events = new RecordingListener();
        Mqtt5Client client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName("127.0.0.1").port(1)
                .lifecycleListener(events).build());
        clients.add(client);
        client.reconnect();
        Thread.sleep(200);
        assertThat(client.state()).isEqualTo(ClientState.STOPPED);
        assertThat(events.history()).isEmpty();
    }

    @Test
    void afterTheKeyManagersRotateTheNextConnectionPresentsTheNewCertificate() throws Exception {
        MosquittoBroker broker = MOSQUITTO.broker();
        TestCertificates certificates = TestCertificates.get();
        String oldName = "device-old-" + UUID.randomUUID();
        String newName = "device-new-" + UUID.randomUUID();
        RotatingKeyManager keys = new RotatingKeyManager(certificates.issueClient(oldName));
        RecordingListener events = new RecordingListener();
        Mqtt5Client client = start(events, Mqtt5ClientOptions.builder().hostName("localhost").port(broker.mtlsPort())
                .tls(TlsOptions.builder().trustedCertificates(certificates.ca().certificate())
                        .keyManagerFactory(keys.factory()).build()));
        Awaitility.await().atMost(WAIT).until(() -> broker.log().contains("u'" + oldName + "'"));

        keys.rotateTo(certificates.issueClient(newName));
        client.reconnect();
        events.await(DisconnectionEvent.class, WAIT);
        events.await(ConnectionSuccessEvent.class, WAIT);
        // A resumed TLS session would carry the old identity without a certificate exchange.
        Awaitility.await().atMost(WAIT).until(() -> broker.log().contains("u'" + newName + "'"));
    }

    /** A key manager whose certificate and key are replaced at once, as a rotated SSL bundle's are. */
    static final class RotatingKeyManager extends X509ExtendedKeyManager {

        private volatile TestCertificates.Issued identity;

        RotatingKeyManager(TestCertificates.Issued identity) {
            this.identity = identity;
        }

        void rotateTo(TestCertificates.Issued next) {
            this.identity = next;
        }

        KeyManagerFactory factory() {
            KeyManager[] managers = {this};
            return new KeyManagerFactory(new KeyManagerFactorySpi() {
                @Override
                protected void engineInit(KeyStore store, char[] password) {
                }

                @Override
                protected void engineInit(ManagerFactoryParameters parameters) {
                }

                @Override
                protected KeyManager[] engineGetKeyManagers() {
                    return managers;
                }
            }, new Provider("rotating", "1", "test") { }, "rotating") { };
        }

        private String alias() {
            return identity.certificate().getSerialNumber().toString(16);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return keyType.equals(identity.privateKey().getAlgorithm()) ? new String[] {alias()} : null;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return alias();
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return alias();
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            TestCertificates.Issued current = identity;
            return alias.equals(current.certificate().getSerialNumber().toString(16))
                    ? new X509Certificate[] {current.certificate()} : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            TestCertificates.Issued current = identity;
            return alias.equals(current.certificate().getSerialNumber().toString(16)) ? current.privateKey() : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
