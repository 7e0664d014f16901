package dev.mqtt5.spring.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.mqtt5.client.testing.LoopbackService;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.TestCertificates;
import dev.mqtt5.spring.autoconfigure.health.Mqtt5HealthContributorAutoConfiguration;
import dev.mqtt5.spring.health.Mqtt5HealthIndicator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The AWS IoT methods end to end against real components: mosquitto's mutual TLS and secure
 * WebSocket listeners standing in for IoT Core, tinyproxy (and stunnel in front of it) as the
 * proxy, and SoftHSM2 as the PKCS#11 token. Surefire points SOFTHSM2_CONF at target/softhsm.
 */
class AwsAuthenticationMosquittoIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static final String PROXY_USER = "proxyuser";

    private static final String PROXY_PASSWORD = "Pr0xy-Pa55";

    private static MosquittoBroker broker;

    @TempDir
    static Path directory;

    private static TestCertificates.PemFiles pem;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class,
                Mqtt5HealthContributorAutoConfiguration.class))
        .withPropertyValues("aws.iot.mqtt5.reconnect.min-delay=100ms", "aws.iot.mqtt5.reconnect.max-delay=300ms");

    @BeforeAll
    static void startBroker() {
        broker = MosquittoBroker.start();
        pem = TestCertificates.get().writePem(directory.resolve("certs"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private ApplicationContextRunner mtls(int port) {
        return this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=" + broker.host(), "aws.iot.mqtt5.port=" + port,
                "aws.iot.mqtt5.client-id=spring-aws-mtls", "aws.iot.mqtt5.tls.ca=file:" + pem.caCertificate(),
                "aws.iot.mqtt5.mtls.certificate=file:" + pem.clientCertificate(),
                "aws.iot.mqtt5.mtls.private-key=file:" + pem.clientKey());
    }

    @Test
    void mtlsConnectsAndHealthIsUp() {
        mtls(broker.mtlsPort()).run((context) -> {
            awaitUp(context);
            assertThat(health(context).getDetails()).containsEntry("clientId", "spring-aws-mtls");
        });
    }

    @Test
    void pkcs12ConnectsAndHealthIsUp() throws Exception {
        Path keyStore = AwsAuthenticationAutoConfigurationTests.pkcs12(directory, "p12-pass");
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=" + broker.host(), "aws.iot.mqtt5.port=" + broker.mtlsPort(),
                "aws.iot.mqtt5.tls.ca=file:" + pem.caCertificate(), "aws.iot.mqtt5.pkcs12.path=file:" + keyStore,
                "aws.iot.mqtt5.pkcs12.password=p12-pass")
            .run(AwsAuthenticationMosquittoIntegrationTests::awaitUp);
    }

    @Test
    void javaKeystoreConnectsAndHealthIsUp() throws Exception {
        Path keyStore = AwsNewerMethodsAutoConfigurationTests.jks(directory);
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=" + broker.host(), "aws.iot.mqtt5.port=" + broker.mtlsPort(),
                "aws.iot.mqtt5.tls.ca=file:" + pem.caCertificate(), "aws.iot.mqtt5.java-keystore.path=file:" + keyStore,
                "aws.iot.mqtt5.java-keystore.password=store-pass", "aws.iot.mqtt5.java-keystore.alias=device",
                "aws.iot.mqtt5.java-keystore.key-password=key-pass")
            .run(AwsAuthenticationMosquittoIntegrationTests::awaitUp);
    }

    @Test
    void customAuthorizerOverWebSocketConnectsAndHealthIsUp() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=" + broker.host(), "aws.iot.mqtt5.port=" + broker.wssPort(),
                "aws.iot.mqtt5.tls.ca=file:" + pem.caCertificate(), "aws.iot.mqtt5.custom-authorizer.name=authorizer",
                "aws.iot.mqtt5.custom-authorizer.username=device", "aws.iot.mqtt5.custom-authorizer.password=pw",
                "aws.iot.mqtt5.custom-authorizer.transport=websocket")
            .run(AwsAuthenticationMosquittoIntegrationTests::awaitUp);
    }

    @Test
    void mtlsThroughAnHttpProxyWithBasicAuthenticationConnects() {
        try (LoopbackService tinyproxy = LoopbackService.tinyproxy(PROXY_USER, PROXY_PASSWORD,
                List.of(broker.mtlsPort()))) {
            mtls(broker.mtlsPort())
                .withPropertyValues("aws.iot.mqtt5.proxy.host=127.0.0.1", "aws.iot.mqtt5.proxy.port=" + tinyproxy.port(),
                        "aws.iot.mqtt5.proxy.username=" + PROXY_USER, "aws.iot.mqtt5.proxy.password=" + PROXY_PASSWORD)
                .run(AwsAuthenticationMosquittoIntegrationTests::awaitUp);
            assertThat(tinyproxy.log()).contains("CONNECT");
        }
    }

    @Test
    void mtlsThroughAnHttpProxyReachedOverTlsConnects() {
        try (LoopbackService tinyproxy = LoopbackService.tinyproxy(PROXY_USER, PROXY_PASSWORD,
                List.of(broker.mtlsPort())); LoopbackService stunnel = LoopbackService.stunnel(tinyproxy.port())) {
            mtls(broker.mtlsPort())
                .withPropertyValues("aws.iot.mqtt5.proxy.host=localhost", "aws.iot.mqtt5.proxy.port=" + stunnel.port(),
                        "aws.iot.mqtt5.proxy.username=" + PROXY_USER, "aws.iot.mqtt5.proxy.password=" + PROXY_PASSWORD,
                        "aws.iot.mqtt5.proxy.tls=true", "aws.iot.mqtt5.proxy.ca=file:" + pem.caCertificate())
                .run(AwsAuthenticationMosquittoIntegrationTests::awaitUp);
            assertThat(tinyproxy.log()).contains("CONNECT");
        }
    }

    @Test
    void aWrongPkcs11PinFailsStartupNamingTheUserPinWithoutPrintingIt() throws Exception {
        long slot = initialiseToken("spring-token", "1234-right");
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=" + broker.host(), "aws.iot.mqtt5.port=" + broker.mtlsPort(),
                "aws.iot.mqtt5.pkcs11.library=/usr/lib/softhsm/libsofthsm2.so", "aws.iot.mqtt5.pkcs11.slot-id=" + slot,
                "aws.iot.mqtt5.pkcs11.user-pin=9999-wrong",
                "aws.iot.mqtt5.pkcs11.certificate=file:" + pem.clientCertificate())
            .run((context) -> {
                assertThat(context).hasFailed();
                InvalidMqtt5PropertyException failure = propertyFailure(context.getStartupFailure());
                assertThat(failure.getProperty()).isEqualTo("aws.iot.mqtt5.pkcs11.user-pin");
                assertThat(failure).hasMessageContaining("CKR_PIN_INCORRECT");
                StringWriter trace = new StringWriter();
                context.getStartupFailure().printStackTrace(new PrintWriter(trace));
                assertThat(trace.toString()).doesNotContain("9999-wrong");
            });
    }

    /** A fresh SoftHSM2 token folder with one token; returns the token's slot. */
    private static long initialiseToken(String label, String pin) throws Exception {
        String conf = System.getenv("SOFTHSM2_CONF");
        assertThat(conf).as("SOFTHSM2_CONF must be set (see the Surefire configuration)").isNotNull();
        Path tokens = Path.of(conf).getParent().resolve("tokens");
        if (Files.exists(tokens)) {
            try (Stream<Path> files = Files.walk(tokens)) {
                files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
            }
        }
        Files.createDirectories(tokens);
        Files.writeString(Path.of(conf), "directories.tokendir = " + tokens.toAbsolutePath()
                + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Process process = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin,
                "--so-pin", "so-" + pin).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(output);
        assertThat(slot.find()).as(output).isTrue();
        return Long.parseLong(slot.group(1));
    }

    private static void awaitUp(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        await().atMost(WAIT).until(() -> health(context).getStatus().equals(Status.UP));
    }

    private static org.springframework.boot.health.contributor.Health health(AssertableApplicationContext context) {
        return context.getBean(Mqtt5HealthIndicator.class).health();
    }

    private static InvalidMqtt5PropertyException propertyFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidMqtt5PropertyException property) {
                return property;
            }
        }
        throw new AssertionError("no InvalidMqtt5PropertyException in " + failure, failure);
    }
}
