package dev.mqtt5.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.PublishReceivedListener;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.spring.autoconfigure.health.Mqtt5HealthContributorAutoConfiguration;
import dev.mqtt5.spring.autoconfigure.metrics.Mqtt5MetricsAutoConfiguration;
import dev.mqtt5.spring.health.Mqtt5HealthIndicator;
import dev.mqtt5.spring.testing.RestartableMosquitto;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full context (client, lifecycle, health, metrics) against a real mosquitto: mutual TLS from
 * PEM files, health that follows the broker going away and coming back, gauges that follow the
 * queue while the broker is frozen, startup that fails with the broker's reason, and a shutdown
 * that waits for in-flight publishes.
 */
class Mqtt5MosquittoIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private RestartableMosquitto broker;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class,
                Mqtt5HealthContributorAutoConfiguration.class, Mqtt5MetricsAutoConfiguration.class,
                MetricsAutoConfiguration.class))
        .withBean(SimpleMeterRegistry.class)
        .withPropertyValues("aws.iot.mqtt5.client-id=spring-it", "aws.iot.mqtt5.reconnect.min-delay=100ms",
                "aws.iot.mqtt5.reconnect.max-delay=300ms");

    @AfterEach
    void stopBroker() {
        if (this.broker != null) {
            this.broker.close();
        }
    }

    @Test
    void aRestartedServiceWithAFixedClientIdAndSessionExpiryGetsWhatTheBrokerStoredMeanwhile() throws Exception {
        this.broker = RestartableMosquitto.launch();
        ApplicationContextRunner service = this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=127.0.0.1",
                "aws.iot.mqtt5.port=" + this.broker.tcpPort(), "aws.iot.mqtt5.client-id=persistent-service",
                "aws.iot.mqtt5.session-expiry=1h", "aws.iot.mqtt5.startup.wait-for-connection=true");
        service.run((context) -> context.getBean(Mqtt5Client.class)
            .subscribe(SubscribePacket.of("persistent/orders", QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS));
        // The service is down (its context closed); an order arrives and the broker stores it for the session.
        try (Mqtt5Client peer = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName("127.0.0.1")
            .port(this.broker.tcpPort()).connectOptions(ConnectPacket.builder().clientId("orders-peer").build())
            .build())) {
            peer.start();
            peer.publish(PublishPacket.builder().topic("persistent/orders").payload("order-1")
                .qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        }
        BlockingQueue<PublishPacket> received = new LinkedBlockingQueue<>();
        service.withBean("storedOrders", PublishReceivedListener.class, () -> received::add).run((context) -> {
            assertThat(context.getBean(Mqtt5Client.class).negotiatedSettings().rejoinedSession()).isTrue();
            PublishPacket stored = received.poll(10, TimeUnit.SECONDS);
            assertThat(stored).isNotNull();
            assertThat(stored.payloadAsString()).isEqualTo("order-1");
        });
    }

    @Test
    void healthIsUpOverMutualTlsDownWhenTheBrokerStopsAndUpAgainWhenItReturns() {
        this.broker = RestartableMosquitto.launch();
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=127.0.0.1",
                "aws.iot.mqtt5.port=" + this.broker.mtlsPort(),
                "aws.iot.mqtt5.tls.ca=file:" + this.broker.pem().caCertificate(),
                "aws.iot.mqtt5.tls.client-certificate=file:" + this.broker.pem().clientCertificate(),
                "aws.iot.mqtt5.tls.client-private-key=file:" + this.broker.pem().clientKey()).run((context) -> {
                    assertThat(context).hasNotFailed();
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    await().atMost(WAIT).until(() -> status(context).equals(Status.UP));
                    Health up = health(context);
                    assertThat(up.getDetails()).containsEntry("clientId", "spring-it")
                        .containsEntry("endpoint", "127.0.0.1:" + this.broker.mtlsPort()).containsKey("negotiatedSettings");
                    assertThat(connected(registry)).isEqualTo(1);

                    this.broker.stop();
                    await().atMost(WAIT).until(() -> status(context).equals(Status.DOWN));
                    assertThat(health(context).getDetails()).containsKey("lastFailure").containsKey("lastFailureAt");
                    assertThat(connected(registry)).isZero();
                    assertThat(registry.get("mqtt5.client.disconnections").counter().count()).isEqualTo(1);

                    this.broker.start();
                    await().atMost(WAIT).until(() -> status(context).equals(Status.UP));
                    assertThat(connected(registry)).isEqualTo(1);
                    assertThat(registry.get("mqtt5.client.connection.attempts").counter().count()).isGreaterThanOrEqualTo(2);
                });
    }

    @Test
    void gaugesFollowTheQueueWhileTheBrokerIsPaused() {
        this.broker = RestartableMosquitto.launch();
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=127.0.0.1", "aws.iot.mqtt5.port=" + this.broker.tcpPort())
            .run((context) -> {
                Mqtt5Client client = context.getBean(Mqtt5Client.class);
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                await().atMost(WAIT).until(() -> status(context).equals(Status.UP));

                this.broker.pause();
                List<CompletableFuture<PublishResult>> results = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    PublishPacket publish = PublishPacket.builder().topic("spring/it").payload("m" + i)
                        .qos(QoS.AT_LEAST_ONCE).build();
                    results.add(client.publish(publish));
                }
                await().atMost(WAIT).until(() -> gauge(registry, "operations.incomplete.count") == 5
                        && gauge(registry, "operations.unacked.count") >= 1);
                assertThat(gauge(registry, "operations.incomplete.size")).isPositive();
                assertThat(gauge(registry, "operations.unacked.size")).isPositive();

                this.broker.resume();
                CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
                await().atMost(WAIT).until(() -> gauge(registry, "operations.incomplete.count") == 0
                        && gauge(registry, "operations.unacked.count") == 0);
                assertThat(registry.get("mqtt5.client.publishes.sent").tags("qos", "1", "outcome", "success")
                    .counter().count()).isEqualTo(5);
                assertThat(registry.get("mqtt5.client.publish.ack.latency").tags("qos", "1").timer().count())
                    .isEqualTo(5);
            });
    }

    @Test
    void startupWaitsForTheFirstConnackAndFailsWithTheBrokersReason() {
        this.broker = RestartableMosquitto.launch("allow_anonymous false");
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=127.0.0.1", "aws.iot.mqtt5.port=" + this.broker.tcpPort(),
                "aws.iot.mqtt5.startup.wait-for-connection=true", "aws.iot.mqtt5.username=nobody",
                "aws.iot.mqtt5.password=wrong-secret")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(
                        dev.mqtt5.client.exception.ConnectionRefusedException.class);
                FailureAnalysis analysis = new Mqtt5ConnectionRefusedFailureAnalyzer()
                    .analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("refused the connection with")
                    .containsAnyOf("NOT_AUTHORIZED", "BAD_USER_NAME_OR_PASSWORD").doesNotContain("wrong-secret");
                assertThat(analysis.getAction()).isNotBlank();
            });
    }

    @Test
    void startupThatCannotConnectIsAnalysedNamingThePropertyToFix() {
        this.broker = RestartableMosquitto.launch();
        int nobodyListens = dev.mqtt5.client.testing.FreePorts.allocate();
        // Nothing listens on the port.
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=127.0.0.1", "aws.iot.mqtt5.port=" + nobodyListens,
                "aws.iot.mqtt5.startup.wait-for-connection=true", "aws.iot.mqtt5.startup.timeout=1s")
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new Mqtt5StartupFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("did not connect to 127.0.0.1:" + nobodyListens)
                    .contains("aws.iot.mqtt5.startup.timeout").contains("Last failure: ").doesNotContain("\n");
                assertThat(analysis.getAction()).startsWith("Nothing accepts connections at 127.0.0.1:" + nobodyListens)
                    .contains("aws.iot.mqtt5.endpoint").contains("aws.iot.mqtt5.port");
            });
        // A TLS broker whose CA the client was not given: the JVM's trust store does not trust it.
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=127.0.0.1", "aws.iot.mqtt5.port=" + this.broker.mtlsPort(),
                "aws.iot.mqtt5.tls.enabled=true", "aws.iot.mqtt5.startup.wait-for-connection=true",
                "aws.iot.mqtt5.startup.timeout=1s")
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new Mqtt5StartupFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getAction()).startsWith("The broker's certificate is not trusted. Set "
                        + "aws.iot.mqtt5.tls.ca");
                assertThat(analysis.getDescription()).doesNotContain("trustedCertificates");
            });
        // A trusted certificate checked against another name than the ones it holds.
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=127.0.0.1", "aws.iot.mqtt5.port=" + this.broker.mtlsPort(),
                "aws.iot.mqtt5.tls.ca=file:" + this.broker.pem().caCertificate(),
                "aws.iot.mqtt5.tls.client-certificate=file:" + this.broker.pem().clientCertificate(),
                "aws.iot.mqtt5.tls.client-private-key=file:" + this.broker.pem().clientKey(),
                "aws.iot.mqtt5.tls.server-name=" + dev.mqtt5.client.testing.TestCertificates.WRONG_HOST,
                "aws.iot.mqtt5.startup.wait-for-connection=true", "aws.iot.mqtt5.startup.timeout=1s")
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new Mqtt5StartupFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getAction()).startsWith("The broker's certificate is not for the name")
                    .contains("aws.iot.mqtt5.tls.server-name");
            });
    }

    @Test
    void shutdownWaitsForInFlightPublishesBeforeItDisconnects() {
        this.broker = RestartableMosquitto.launch();
        List<CompletableFuture<PublishResult>> results = new ArrayList<>();
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=127.0.0.1", "aws.iot.mqtt5.port=" + this.broker.tcpPort(),
                "aws.iot.mqtt5.shutdown-timeout=10s")
            .run((context) -> {
                Mqtt5Client client = context.getBean(Mqtt5Client.class);
                await().atMost(WAIT).until(() -> status(context).equals(Status.UP));
                this.broker.pause();
                for (int i = 0; i < 3; i++) {
                    results.add(client.publish(PublishPacket.builder().topic("spring/it").payload("m" + i)
                        .qos(QoS.EXACTLY_ONCE).build()));
                }
                CompletableFuture.delayedExecutor(500, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .execute(this.broker::resume);
            });
        // The context is closed here; the publishes completed before DISCONNECT instead of failing.
        assertThat(results).allSatisfy((result) -> assertThat(result).isCompleted().isNotCompletedExceptionally());
    }

    private static Status status(AssertableApplicationContext context) {
        return health(context).getStatus();
    }

    private static Health health(AssertableApplicationContext context) {
        return context.getBean(Mqtt5HealthIndicator.class).health();
    }

    private static double connected(MeterRegistry registry) {
        return gauge(registry, "connected");
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get("mqtt5.client." + name).tag("client", "mqtt5Client").gauge().value();
    }
}
