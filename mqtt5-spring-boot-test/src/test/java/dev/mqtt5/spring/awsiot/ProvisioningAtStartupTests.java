package dev.mqtt5.spring.awsiot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.aws.iot.emulator.CertificateAuthority;
import dev.mqtt5.aws.iot.emulator.ProvisioningTemplate;
import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.testing.FreePorts;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.TestCertificates;
import dev.mqtt5.spring.autoconfigure.InvalidMqtt5PropertyException;
import dev.mqtt5.spring.autoconfigure.Mqtt5AutoConfiguration;
import dev.mqtt5.spring.autoconfigure.awsiot.AwsIotThing;
import dev.mqtt5.spring.autoconfigure.awsiot.Mqtt5AwsIotAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fleet Provisioning at startup ({@code aws.iot.mqtt5.provisioning.*}) against the emulator on
 * mosquitto: a mutual TLS listener trusts the claim certificate's CA and the fleet CA the
 * emulator issues from. The first start provisions and connects with the new identity, a later
 * start uses the stored one, a rejected request fails startup naming the template.
 */
class ProvisioningAtStartupTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path directory;

    static MosquittoBroker broker;

    static AwsIotEmulator emulator;

    static int fleetPort;

    static TestCertificates.PemFiles pem;

    @BeforeAll
    static void start() throws Exception {
        CertificateAuthority fleet = CertificateAuthority.generate("fleet CA");
        pem = TestCertificates.get().writePem(directory.resolve("certs"));
        // Claim certificates come from the test CA, provisioned ones from the fleet CA: the listener trusts both.
        Path cafile = Files.writeString(directory.resolve("cas.pem"),
                Files.readString(pem.caCertificate()) + fleet.certificatePem());
        fleetPort = FreePorts.allocate();
        broker = MosquittoBroker.builder().configLine("listener " + fleetPort + " 127.0.0.1")
            .configLine("cafile " + cafile).configLine("certfile " + pem.serverCertificate())
            .configLine("keyfile " + pem.serverKey()).configLine("require_certificate true").start();
        emulator = AwsIotEmulator.builder().host(broker.host()).port(broker.tcpPort()).certificateAuthority(fleet)
            .build().start();
        emulator.provisioning().registerTemplate(
                ProvisioningTemplate.of("thermostats", "thermostat-${SerialNumber}").withRequiredParameters("SerialNumber"));
    }

    @AfterAll
    static void stop() {
        emulator.close();
        broker.close();
    }

    private ApplicationContextRunner runner(Path identity, String... more) {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class, Mqtt5AwsIotAutoConfiguration.class))
            .withPropertyValues("aws.iot.mqtt5.endpoint=" + broker.host(), "aws.iot.mqtt5.port=" + fleetPort,
                    "aws.iot.mqtt5.tls.ca=file:" + pem.caCertificate(),
                    "aws.iot.mqtt5.provisioning.template-name=thermostats",
                    "aws.iot.mqtt5.provisioning.parameters.SerialNumber=42",
                    "aws.iot.mqtt5.provisioning.directory=" + identity,
                    "aws.iot.mqtt5.provisioning.claim-certificate=file:" + pem.clientCertificate(),
                    "aws.iot.mqtt5.provisioning.claim-private-key=file:" + pem.clientKey(),
                    "aws.iot.mqtt5.reconnect.min-delay=100ms", "aws.iot.mqtt5.reconnect.max-delay=300ms")
            .withPropertyValues(more);
    }

    @Test
    void theFirstStartProvisionsStoresTheIdentityAndConnectsWithItTheNextUsesIt() throws Exception {
        Path identity = directory.resolve("identity-" + System.nanoTime());
        for (String keyGeneration : new String[] { "device", "aws" }) {
            Path dir = identity.resolve(keyGeneration);
            runner(dir, "aws.iot.mqtt5.provisioning.key-generation=" + keyGeneration).run((context) -> {
                assertThat(context).hasNotFailed();
                Mqtt5Client client = context.getBean(Mqtt5Client.class);
                await().atMost(WAIT).until(() -> client.state() == ClientState.CONNECTED);
                assertThat(client.options().connectOptions().clientId()).isEqualTo("thermostat-42");
                assertThat(context.getBean(AwsIotThing.class).name()).isEqualTo("thermostat-42");
            });
            assertThat(Files.readString(dir.resolve("thing-name"))).isEqualTo("thermostat-42");
            assertThat(Files.readString(dir.resolve("certificate.pem.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("private.pem.key"))))
                .isEqualTo("rw-------");
            String certificate = Files.readString(dir.resolve("certificate.pem.crt"));
            // A later start: the stored identity, without the claim (which no longer even exists).
            runner(dir, "aws.iot.mqtt5.provisioning.claim-certificate=file:/nonexistent/claim.crt").run((context) -> {
                assertThat(context).hasNotFailed();
                Mqtt5Client client = context.getBean(Mqtt5Client.class);
                await().atMost(WAIT).until(() -> client.state() == ClientState.CONNECTED);
            });
            assertThat(Files.readString(dir.resolve("certificate.pem.crt"))).isEqualTo(certificate);
        }
        assertThat(emulator.provisioning().provisionedThings()).containsKey("thermostat-42");
    }

    @Test
    void aRejectedRegistrationFailsStartupNamingTheTemplateAndStoresNothing() {
        Path dir = directory.resolve("rejected");
        runner(dir, "aws.iot.mqtt5.provisioning.template-name=no-such-template").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(InvalidMqtt5PropertyException.class)
                .rootCause()
                .hasMessageContaining("aws.iot.mqtt5.provisioning.template-name")
                .hasMessageContaining("no-such-template");
        });
        assertThat(dir.resolve("private.pem.key")).doesNotExist();
    }

    @Test
    void anotherAuthenticationMethodConflictsWithProvisioning() {
        runner(directory.resolve("conflict"), "aws.iot.mqtt5.mtls.certificate=file:" + pem.clientCertificate(),
                "aws.iot.mqtt5.mtls.private-key=file:" + pem.clientKey())
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("aws.iot.mqtt5.mtls")
                .hasMessageContaining("conflicts with aws.iot.mqtt5.provisioning"));
    }
}
