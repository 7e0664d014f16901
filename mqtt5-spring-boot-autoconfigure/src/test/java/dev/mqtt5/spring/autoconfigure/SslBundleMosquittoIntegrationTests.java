package dev.mqtt5.spring.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.testing.TestCertificates;
import dev.mqtt5.spring.autoconfigure.health.Mqtt5HealthContributorAutoConfiguration;
import dev.mqtt5.spring.health.Mqtt5HealthIndicator;
import dev.mqtt5.spring.testing.RestartableMosquitto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SSL bundles ({@code spring.ssl.bundle.*}) against mosquitto requiring client certificates: the
 * bundle's trust store and key store make the connection ({@code aws.iot.mqtt5.tls.bundle} and
 * {@code mtls.bundle}), and a certificate rotated on disk is presented by the next connection,
 * at once with {@code tls.reconnect-on-bundle-update}, losing no QoS 1 publish. mosquitto takes
 * the CN of the presented certificate as the user name and logs it for each connection.
 */
@ExtendWith(OutputCaptureExtension.class)
class SslBundleMosquittoIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static final Pattern CONNECTED_AS = Pattern.compile("New client connected from .* u'([^']+)'");

    private static RestartableMosquitto broker;

    @TempDir
    Path directory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, Mqtt5AutoConfiguration.class,
                Mqtt5HealthContributorAutoConfiguration.class))
        .withPropertyValues("aws.iot.mqtt5.reconnect.min-delay=100ms", "aws.iot.mqtt5.reconnect.max-delay=300ms",
                "spring.ssl.bundle.watch.file.quiet-period=100ms");

    @BeforeAll
    static void startBroker() {
        broker = RestartableMosquitto.launch(List.of("connection_messages true"),
                List.of("use_identity_as_username true"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** A PEM bundle 'device' of the files, reloaded when they change, and the broker's CA as its trust store. */
    private ApplicationContextRunner pemBundle(Path certificate, Path key) {
        return this.runner.withPropertyValues("spring.ssl.bundle.pem.device.keystore.certificate=file:" + certificate,
                "spring.ssl.bundle.pem.device.keystore.private-key=file:" + key,
                "spring.ssl.bundle.pem.device.truststore.certificate=file:" + broker.pem().caCertificate(),
                "spring.ssl.bundle.pem.device.reload-on-update=true", "aws.iot.mqtt5.endpoint=" + broker.host(),
                "aws.iot.mqtt5.port=" + broker.mtlsPort());
    }

    @Test
    void aPemBundleSuppliesTrustAndTheClientCertificate() {
        String name = "bundle-" + UUID.randomUUID();
        Path certificate = this.directory.resolve("device.crt");
        Path key = this.directory.resolve("device.key");
        TestCertificates.writePem(TestCertificates.get().issueClient(name), certificate, key);
        pemBundle(certificate, key).withPropertyValues("aws.iot.mqtt5.tls.bundle=device").run((context) -> {
            awaitUp(context);
            assertThat(connectionsAs(name)).isEqualTo(1);
            assertThat(context.getBean(Mqtt5Client.class).options().tls().toString())
                .contains("trust=trustManagerFactory", "clientIdentity=keyManagerFactory");
        });
    }

    @Test
    void aPkcs12BundleSuppliesTheClientCertificateToo() throws Exception {
        String name = "pkcs12-" + UUID.randomUUID();
        TestCertificates.Issued device = TestCertificates.get().issueClient(name);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("device", device.privateKey(), "p12-pass".toCharArray(),
                new X509Certificate[] { device.certificate() });
        Path file = this.directory.resolve("device.p12");
        try (var out = Files.newOutputStream(file)) {
            store.store(out, "p12-pass".toCharArray());
        }
        this.runner
            .withPropertyValues("spring.ssl.bundle.jks.device.keystore.location=file:" + file,
                    "spring.ssl.bundle.jks.device.keystore.type=PKCS12",
                    "spring.ssl.bundle.jks.device.keystore.password=p12-pass",
                    "aws.iot.mqtt5.endpoint=" + broker.host(), "aws.iot.mqtt5.port=" + broker.mtlsPort(),
                    "aws.iot.mqtt5.tls.ca=file:" + broker.pem().caCertificate())
            .withPropertyValues("aws.iot.mqtt5.mtls.bundle=device")
            .run((context) -> {
                awaitUp(context);
                assertThat(connectionsAs(name)).isEqualTo(1);
            });
    }

    @Test
    void withReconnectOnBundleUpdateARotatedCertificateIsPresentedAtOnceAndNoPublishIsLost(CapturedOutput output)
            throws Exception {
        String oldName = "rotating-old-" + UUID.randomUUID();
        String newName = "rotating-new-" + UUID.randomUUID();
        Path certificate = this.directory.resolve("device.crt");
        Path key = this.directory.resolve("device.key");
        TestCertificates.writePem(TestCertificates.get().issueClient(oldName), certificate, key);
        String topic = "rotation/" + UUID.randomUUID();
        Set<String> received = ConcurrentHashMap.newKeySet();
        try (Mqtt5Client subscriber = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(broker.host())
            .port(broker.tcpPort()).publishReceivedListener((publish) -> received.add(publish.payloadAsString()))
            .build())) {
            subscriber.start();
            subscriber.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            pemBundle(certificate, key)
                .withPropertyValues("aws.iot.mqtt5.tls.bundle=device", "aws.iot.mqtt5.tls.reconnect-on-bundle-update=true",
                        "aws.iot.mqtt5.client-id=rotating-" + UUID.randomUUID(), "aws.iot.mqtt5.session-expiry=1m")
                .run((context) -> {
                    awaitUp(context);
                    Mqtt5Client client = context.getBean(Mqtt5Client.class);
                    // Publishes keep going across the rotation: some are queued or unacknowledged when it reconnects.
                    List<CompletableFuture<PublishResult>> results = new CopyOnWriteArrayList<>();
                    AtomicBoolean publishing = new AtomicBoolean(true);
                    Thread publisher = new Thread(() -> {
                        for (int i = 0; publishing.get(); i++) {
                            results.add(client.publish(PublishPacket.builder().topic(topic).payload("m" + i)
                                .qos(QoS.AT_LEAST_ONCE).build()));
                            sleep(2);
                        }
                    }, "rotation-publisher");
                    publisher.start();
                    sleep(200);
                    long rotated = System.nanoTime();
                    TestCertificates.writePem(TestCertificates.get().issueClient(newName), certificate, key);
                    await().atMost(WAIT).until(() -> connectionsAs(newName) == 1);
                    assertThat(Duration.ofNanos(System.nanoTime() - rotated)).isLessThan(Duration.ofSeconds(10));
                    sleep(200);
                    publishing.set(false);
                    publisher.join();
                    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    Set<String> sent = ConcurrentHashMap.newKeySet();
                    for (int i = 0; i < results.size(); i++) {
                        sent.add("m" + i);
                    }
                    await().atMost(WAIT).until(() -> received.containsAll(sent));
                    assertThat(connectionsAs(oldName)).isEqualTo(1);
                    assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
                });
        }
        assertThat(output.getOut()).contains("SSL bundle 'device' (aws.iot.mqtt5.tls.bundle) reloaded: client certificate CN="
                + newName + ", valid until ").contains("reconnecting now (aws.iot.mqtt5.tls.reconnect-on-bundle-update)")
            .doesNotContain("PRIVATE KEY");
    }

    @Test
    void withoutReconnectTheConnectionStaysAndTheNextOnePresentsTheRotatedCertificate(CapturedOutput output) {
        String oldName = "staying-old-" + UUID.randomUUID();
        String newName = "staying-new-" + UUID.randomUUID();
        Path certificate = this.directory.resolve("device.crt");
        Path key = this.directory.resolve("device.key");
        TestCertificates.writePem(TestCertificates.get().issueClient(oldName), certificate, key);
        pemBundle(certificate, key).withPropertyValues("aws.iot.mqtt5.mtls.bundle=device").run((context) -> {
            awaitUp(context);
            assertThat(connectionsAs(oldName)).isEqualTo(1);
            TestCertificates.writePem(TestCertificates.get().issueClient(newName), certificate, key);
            await().atMost(WAIT).until(() -> output.getOut().contains("SSL bundle 'device' (aws.iot.mqtt5.mtls.bundle) "
                    + "reloaded: client certificate CN=" + newName));
            assertThat(output.getOut()).contains("CN=" + newName + ", valid until ")
                .contains("the next connection uses it");
            sleep(1000);
            assertThat(connectionsAs(newName)).isZero();
            assertThat(context.getBean(Mqtt5Client.class).state()).isEqualTo(ClientState.CONNECTED);

            broker.stop();
            broker.start();
            await().atMost(WAIT).until(() -> connectionsAs(newName) == 1);
            awaitUp(context);
            assertThat(connectionsAs(oldName)).isEqualTo(1);
        });
    }

    /** How many connections mosquitto accepted with a client certificate of this CN. */
    private static long connectionsAs(String commonName) {
        Matcher matcher = CONNECTED_AS.matcher(broker.log());
        long count = 0;
        while (matcher.find()) {
            if (matcher.group(1).equals(commonName)) {
                count++;
            }
        }
        return count;
    }

    private static void awaitUp(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        await().atMost(WAIT).until(() -> context.getBean(Mqtt5HealthIndicator.class).health().getStatus()
            .equals(Status.UP));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
