package dev.mqtt5.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.TestCertificates;
import dev.mqtt5.spring.core.Mqtt5Template;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's documented AWS mode ({@code --spring.profiles.active=aws} with AWS_IOT_ENDPOINT,
 * AWS_IOT_CERT, AWS_IOT_KEY) starts with the sample's own dependencies (no AWS SDK on its class
 * path) and works over mutual TLS: mosquitto's listener that requires a client
 * certificate stands in for AWS IoT Core, which cannot be reached from here; only the port and
 * the CA to trust are changed.
 */
class SampleAwsProfileTests {

    @Test
    void theAwsProfileConnectsWithTheDeviceCertificateAndReceivesTelemetry(@TempDir Path directory) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
            assertThat(Files.exists(pem.clientKey())).isTrue();
            SpringApplication app = new SpringApplication(SampleApplication.class);
            try (ConfigurableApplicationContext context = app.run("--spring.profiles.active=aws",
                    "--AWS_IOT_ENDPOINT=localhost", "--AWS_IOT_CERT=" + pem.clientCertificate(),
                    "--AWS_IOT_KEY=" + pem.clientKey(), "--AWS_IOT_CLIENT_ID=sample-aws-test",
                    // the stand-in's port and CA instead of AWS IoT Core's 8883 and Amazon Root CA 1
                    "--aws.iot.mqtt5.port=" + broker.mtlsPort(),
                    "--aws.iot.mqtt5.tls.ca=file:" + pem.caCertificate(),
                    "--aws.iot.mqtt5.startup.wait-for-connection=true", "--server.port=0")) {
                Mqtt5Client client = context.getBean(Mqtt5Client.class);
                assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
                assertThat(client.negotiatedSettings().clientId()).isEqualTo("sample-aws-test");
                FleetState fleet = context.getBean(FleetState.class);
                Mqtt5Template template = context.getBean(Mqtt5Template.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    template.convertAndSend("fleet/t-9/telemetry", new Messages.Telemetry(21.5, 22.0, "heat", null));
                    return fleet.latest().containsKey("t-9");
                });
            }
        }
    }
}
