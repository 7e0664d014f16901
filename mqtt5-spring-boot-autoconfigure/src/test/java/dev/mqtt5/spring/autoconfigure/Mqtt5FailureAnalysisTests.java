package dev.mqtt5.spring.autoconfigure;

import java.nio.file.Path;

import dev.mqtt5.client.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Startup failures: property validation, material the client rejects, and their failure analysis. */
class Mqtt5FailureAnalysisTests {

    private static final String SECRET = "do-not-print-me";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class))
        .withPropertyValues("aws.iot.mqtt5.auto-startup=false");

    @Test
    void withoutAnEndpointStartupFailsNamingTheEndpointProperty() {
        this.runner.run((context) -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("aws.iot.mqtt5.endpoint").contains("is required");
            assertThat(analysis.getAction()).contains("embedded-broker.enabled");
        });
    }

    @Test
    void twoAuthenticationMethodsAtOnceFailNamingBoth(@TempDir Path directory) {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.mtls.certificate=file:" + pem.clientCertificate(),
                "aws.iot.mqtt5.mtls.private-key=file:" + pem.clientKey(), "aws.iot.mqtt5.sigv4.region=eu-west-1")
            .run((context) -> {
                FailureAnalysis analysis = analyze(context);
                assertThat(analysis.getDescription()).contains("aws.iot.mqtt5.sigv4")
                    .contains("conflicts with aws.iot.mqtt5.mtls");
                assertThat(analysis.getAction()).contains("Keep the properties of one method");
            });
    }

    @Test
    void aCertificateWithoutItsPrivateKeyFailsNamingTheMissingHalf(@TempDir Path directory) {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.mtls.certificate=file:" + pem.clientCertificate())
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("aws.iot.mqtt5.mtls.private-key: is required when aws.iot.mqtt5.mtls.certificate is set"));
    }

    @Test
    void aClientCertificateWithAnotherCertificatesKeyFailsWhenThePropertiesAreBound(@TempDir Path directory) {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.tls.enabled=true",
                "aws.iot.mqtt5.tls.client-certificate=file:" + pem.clientCertificate(),
                "aws.iot.mqtt5.tls.client-private-key=file:" + pem.serverKey())
            .run((context) -> {
                FailureAnalysis analysis = analyze(context);
                assertThat(analysis.getDescription()).contains("aws.iot.mqtt5.tls.client-private-key: is not the "
                        + "private key of the certificate in aws.iot.mqtt5.tls.client-certificate");
                assertThat(analysis.getAction()).contains("issued together");
            });
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.tls.enabled=true",
                "aws.iot.mqtt5.tls.client-certificate=file:" + pem.clientCertificate(),
                "aws.iot.mqtt5.tls.client-private-key=file:" + pem.clientKey())
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void aPkcs12PasswordWithoutItsFileFailsWithoutPrintingThePassword() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.pkcs12.password=" + SECRET)
            .run((context) -> {
                FailureAnalysis analysis = analyze(context);
                assertThat(analysis.getDescription()).contains("aws.iot.mqtt5.pkcs12.path");
                assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(SECRET);
                assertThat(context.getStartupFailure()).hasStackTraceContaining("pkcs12.path")
                    .satisfies((failure) -> assertThat(stackTrace(failure)).doesNotContain(SECRET));
            });
    }

    @Test
    void anUnreadableCaFileFailsNamingTheProperty() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.tls.ca=file:/nonexistent/ca.pem")
            .run((context) -> {
                FailureAnalysis analysis = analyze(context);
                assertThat(analysis.getDescription()).contains("aws.iot.mqtt5.tls.ca").contains("cannot read");
                assertThat(analysis.getAction()).contains("readable");
            });
    }

    @Test
    void aKeyFileThatIsNotAKeyFailsNamingTheProperty(@TempDir Path directory) {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b",
                "aws.iot.mqtt5.tls.client-certificate=file:" + pem.clientCertificate(),
                "aws.iot.mqtt5.tls.client-private-key=file:" + pem.clientCertificate())
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("aws.iot.mqtt5.tls.client-private-key"));
    }

    @Test
    void pkcs11WithBothSlotAndTokenLabelFails(@TempDir Path directory) {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.pkcs11.library=" + pem.caCertificate(),
                "aws.iot.mqtt5.pkcs11.user-pin=" + SECRET, "aws.iot.mqtt5.pkcs11.slot-id=1",
                "aws.iot.mqtt5.pkcs11.token-label=t", "aws.iot.mqtt5.pkcs11.certificate=file:" + pem.clientCertificate())
            .run((context) -> {
                FailureAnalysis analysis = analyze(context);
                assertThat(analysis.getDescription()).contains("aws.iot.mqtt5.pkcs11.token-label");
                assertThat(stackTrace(context.getStartupFailure())).doesNotContain(SECRET);
            });
    }

    @Test
    void aClientCertificateWithAnAwsIdentityMethodFails(@TempDir Path directory) {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.pkcs12.path=file:" + pem.caCertificate(),
                "aws.iot.mqtt5.pkcs12.password=p", "aws.iot.mqtt5.tls.client-certificate=file:" + pem.clientCertificate(),
                "aws.iot.mqtt5.tls.client-private-key=file:" + pem.clientKey())
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("aws.iot.mqtt5.tls.client-certificate").contains("conflicts with aws.iot.mqtt5.pkcs12"));
    }

    @Test
    void customAuthorizerWithBrokerCredentialsFails() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.custom-authorizer.name=auth",
                "aws.iot.mqtt5.username=u")
            .run((context) -> assertThat(analyze(context).getAction()).contains("custom-authorizer.username"));
    }

    @Test
    void materialAnAwsMethodRejectsFailsNamingThePropertyWithoutItsSecret(@TempDir Path directory) throws Exception {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        Path keyStore = AwsAuthenticationAutoConfigurationTests.pkcs12(directory, "the-right-one");
        String[][] cases = {
                { "aws.iot.mqtt5.pkcs12.password", "aws.iot.mqtt5.pkcs12.path=file:" + keyStore,
                        "aws.iot.mqtt5.pkcs12.password=" + SECRET },
                { "aws.iot.mqtt5.pkcs12.path", "aws.iot.mqtt5.pkcs12.path=file:" + pem.caCertificate(),
                        "aws.iot.mqtt5.pkcs12.password=" + SECRET },
                { "aws.iot.mqtt5.mtls.private-key", "aws.iot.mqtt5.mtls.certificate=file:" + pem.clientCertificate(),
                        "aws.iot.mqtt5.mtls.private-key=file:" + pem.clientCertificate(),
                        "aws.iot.mqtt5.mtls.password=" + SECRET },
                { "aws.iot.mqtt5.pkcs11.library", "aws.iot.mqtt5.pkcs11.library=" + pem.caCertificate(),
                        "aws.iot.mqtt5.pkcs11.user-pin=" + SECRET, "aws.iot.mqtt5.pkcs11.slot-id=0",
                        "aws.iot.mqtt5.pkcs11.certificate=file:" + pem.clientCertificate() },
                { "aws.iot.mqtt5.custom-authorizer", "aws.iot.mqtt5.custom-authorizer.password=" + SECRET,
                        "aws.iot.mqtt5.custom-authorizer.token-key-name=token",
                        "aws.iot.mqtt5.custom-authorizer.token-value=" + SECRET } };
        for (String[] failure : cases) {
            String[] properties = java.util.Arrays.copyOfRange(failure, 1, failure.length);
            this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b").withPropertyValues(properties).run((context) -> {
                FailureAnalysis analysis = analyze(context);
                assertThat(analysis.getDescription()).as(failure[0]).contains(failure[0] + ":");
                assertThat(stackTrace(context.getStartupFailure()) + analysis.getDescription() + analysis.getAction())
                    .as(failure[0]).doesNotContain(SECRET);
            });
        }
    }

    @Test
    void aValueTheClientRejectsFailsWithTheClientsReason() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.reconnect.min-delay=10s",
                "aws.iot.mqtt5.reconnect.max-delay=1s")
            .run((context) -> assertThat(analyze(context).getDescription()).contains("maxDelay"));
    }

    private static FailureAnalysis analyze(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        for (FailureAnalyzer analyzer : new FailureAnalyzer[] { new Mqtt5PropertyFailureAnalyzer(),
                new Mqtt5ConnectionRefusedFailureAnalyzer() }) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        throw new AssertionError("no analyzer recognised " + failure);
    }

    private static String stackTrace(Throwable failure) {
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
