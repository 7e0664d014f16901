package dev.mqtt5.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.testing.TestCertificates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aws.iot.mqtt5.tls.bundle} and {@code mtls.bundle}: what they set on the client, and
 * startup failures that name both properties of a conflict, or the property of an unknown bundle.
 */
class SslBundlePropertiesTests {

    private static final String ENDPOINT = "abc123-ats.iot.eu-west-1.amazonaws.com";

    @TempDir
    static Path directory;

    private TestCertificates.PemFiles pem;

    private ApplicationContextRunner runner;

    @BeforeEach
    void bundles() {
        this.pem = TestCertificates.get().writePem(directory);
        this.runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, Mqtt5AutoConfiguration.class))
            .withPropertyValues("aws.iot.mqtt5.auto-startup=false", "aws.iot.mqtt5.endpoint=" + ENDPOINT,
                    "spring.ssl.bundle.pem.device.keystore.certificate=file:" + this.pem.clientCertificate(),
                    "spring.ssl.bundle.pem.device.keystore.private-key=file:" + this.pem.clientKey(),
                    "spring.ssl.bundle.pem.device.truststore.certificate=file:" + this.pem.caCertificate(),
                    "spring.ssl.bundle.pem.device.options.enabled-protocols=TLSv1.3",
                    "spring.ssl.bundle.pem.trust-only.truststore.certificate=file:" + this.pem.caCertificate());
    }

    @Test
    void tlsBundleTurnsTlsOnWithTheBundlesTrustIdentityAndProtocols() {
        this.runner.withPropertyValues("aws.iot.mqtt5.tls.bundle=device").run((context) -> {
            Mqtt5ClientOptions options = context.getBean(Mqtt5Client.class).options();
            assertThat(options.port()).isEqualTo(8883);
            assertThat(options.tls().trustManagerFactory()).isPresent();
            assertThat(options.tls().keyManagerFactory()).isPresent();
            assertThat(options.tls().protocols()).containsExactly("TLSv1.3");
            assertThat(options.flowControl().enabled()).isFalse();
        });
    }

    @Test
    void mtlsBundleSelectsAwsMutualTlsWithTheBundlesIdentityAndTrust() {
        this.runner.withPropertyValues("aws.iot.mqtt5.mtls.bundle=device").run((context) -> {
            Mqtt5ClientOptions options = context.getBean(Mqtt5Client.class).options();
            assertThat(options.port()).isEqualTo(8883);
            assertThat(options.connectOptions().keepAlive()).isEqualTo(Duration.ofSeconds(1200));
            assertThat(options.flowControl().enabled()).isTrue();
            assertThat(options.tls().keyManagerFactory()).isPresent();
            assertThat(options.tls().trustManagerFactory()).isPresent();
        });
    }

    @Test
    void tlsBundleGivesTrustToAMethodWithoutClientCertificate() {
        this.runner.withPropertyValues("aws.iot.mqtt5.tls.bundle=trust-only",
                "aws.iot.mqtt5.custom-authorizer.name=authorizer", "aws.iot.mqtt5.custom-authorizer.username=device")
            .run((context) -> {
                Mqtt5ClientOptions options = context.getBean(Mqtt5Client.class).options();
                assertThat(options.tls().trustManagerFactory()).isPresent();
                assertThat(options.tls().keyManagerFactory()).isEmpty();
            });
    }

    @Test
    void anUnknownBundleNamesThePropertyAndTheKnownBundles() {
        this.runner.withPropertyValues("aws.iot.mqtt5.tls.bundle=devcie").run((context) -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("aws.iot.mqtt5.tls.bundle: names the SSL bundle 'devcie', "
                    + "which does not exist (there are [").contains("device");
            assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.devcie");
        });
        this.runner.withPropertyValues("aws.iot.mqtt5.mtls.bundle=nope")
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("aws.iot.mqtt5.mtls.bundle: names the SSL bundle 'nope', which does not exist"));
    }

    @Test
    void tlsBundleConflictsWithTheCaAndTheClientCertificateProperties() {
        this.runner.withPropertyValues("aws.iot.mqtt5.tls.bundle=device", "aws.iot.mqtt5.tls.ca=file:" + this.pem.caCertificate())
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("aws.iot.mqtt5.tls.ca: conflicts with aws.iot.mqtt5.tls.bundle"));
        this.runner
            .withPropertyValues("aws.iot.mqtt5.tls.bundle=device",
                    "aws.iot.mqtt5.tls.client-certificate=file:" + this.pem.clientCertificate(),
                    "aws.iot.mqtt5.tls.client-private-key=file:" + this.pem.clientKey())
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("aws.iot.mqtt5.tls.client-certificate: conflicts with aws.iot.mqtt5.tls.bundle"));
    }

    @Test
    void tlsBundleConflictsWithAMethodThatSuppliesTheClientCertificate() {
        this.runner
            .withPropertyValues("aws.iot.mqtt5.tls.bundle=device",
                    "aws.iot.mqtt5.mtls.certificate=file:" + this.pem.clientCertificate(),
                    "aws.iot.mqtt5.mtls.private-key=file:" + this.pem.clientKey())
            .run((context) -> {
                FailureAnalysis analysis = analyze(context);
                assertThat(analysis.getDescription())
                    .contains("aws.iot.mqtt5.tls.bundle: conflicts with aws.iot.mqtt5.mtls, which supplies the client certificate");
                assertThat(analysis.getAction()).contains("aws.iot.mqtt5.mtls.bundle");
            });
    }

    @Test
    void mtlsBundleConflictsWithThePemPropertiesAndATrustStoreWithTlsCa() {
        this.runner
            .withPropertyValues("aws.iot.mqtt5.mtls.bundle=device",
                    "aws.iot.mqtt5.mtls.certificate=file:" + this.pem.clientCertificate(),
                    "aws.iot.mqtt5.mtls.private-key=file:" + this.pem.clientKey())
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("aws.iot.mqtt5.mtls.certificate: conflicts with aws.iot.mqtt5.mtls.bundle"));
        this.runner
            .withPropertyValues("aws.iot.mqtt5.mtls.bundle=device", "aws.iot.mqtt5.tls.ca=file:" + this.pem.caCertificate())
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("aws.iot.mqtt5.tls.ca: conflicts with aws.iot.mqtt5.mtls.bundle, whose SSL bundle 'device' "
                        + "has a trust store"));
        this.runner
            .withPropertyValues("aws.iot.mqtt5.mtls.bundle=device", "aws.iot.mqtt5.tls.bundle=trust-only")
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("aws.iot.mqtt5.tls.bundle: conflicts with aws.iot.mqtt5.mtls"));
    }

    @Test
    void mtlsBundleWithoutAKeyStoreSaysThereIsNoDeviceCertificate() {
        this.runner.withPropertyValues("aws.iot.mqtt5.mtls.bundle=trust-only")
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("aws.iot.mqtt5.mtls.bundle: names the SSL bundle 'trust-only', which has no key store"));
    }

    @Test
    void reconnectOnBundleUpdateWithoutABundleNamesTheProperty() {
        this.runner.withPropertyValues("aws.iot.mqtt5.tls.reconnect-on-bundle-update=true")
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("aws.iot.mqtt5.tls.reconnect-on-bundle-update: is true but no SSL bundle is in use"));
    }

    @Test
    void withoutSslBundlesABundlePropertySaysWhatIsMissing() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class))
            .withPropertyValues("aws.iot.mqtt5.auto-startup=false", "aws.iot.mqtt5.endpoint=" + ENDPOINT,
                    "aws.iot.mqtt5.tls.bundle=device")
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("aws.iot.mqtt5.tls.bundle: needs Spring Boot's SslBundles bean"));
    }

    private static FailureAnalysis analyze(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new Mqtt5PropertyFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
        return analysis;
    }
}
