package dev.mqtt5.spring.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection methods the AWS IoT Device SDK gained after its MQTT 5 guide: a Java key store
 * ({@code aws.iot.mqtt5.java-keystore.*}) and SigV4 or Cognito with the region read from the endpoint.
 */
class AwsNewerMethodsAutoConfigurationTests {

    private static final String ENDPOINT = "abc123-ats.iot.eu-west-1.amazonaws.com";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class))
        .withPropertyValues("aws.iot.mqtt5.auto-startup=false", "aws.iot.mqtt5.endpoint=" + ENDPOINT);

    /** A JKS file with the test client's key under "device" (key password differs from the store's) and the CA. */
    static Path jks(Path directory) throws Exception {
        KeyStore store = KeyStore.getInstance("JKS");
        store.load(null, null);
        TestCertificates.Issued client = TestCertificates.get().client();
        store.setKeyEntry("device", client.privateKey(), "key-pass".toCharArray(),
                new X509Certificate[] { client.certificate() });
        store.setCertificateEntry("ca", TestCertificates.get().ca().certificate());
        Path file = directory.resolve("device.jks");
        try (var out = Files.newOutputStream(file)) {
            store.store(out, "store-pass".toCharArray());
        }
        return file;
    }

    /** The failure that names the property, wherever it is in the startup failure's causes. */
    private static Throwable propertyFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidMqtt5PropertyException) {
                return t;
            }
        }
        throw new AssertionError("no InvalidMqtt5PropertyException in " + failure, failure);
    }

    private ApplicationContextRunner javaKeystore(Path file, String... more) {
        return this.runner.withPropertyValues("aws.iot.mqtt5.java-keystore.path=file:" + file,
                "aws.iot.mqtt5.java-keystore.password=store-pass", "aws.iot.mqtt5.java-keystore.alias=device",
                "aws.iot.mqtt5.java-keystore.key-password=key-pass")
            .withPropertyValues(more);
    }

    @Test
    void javaKeystorePresentsTheAliasKeyAndChainOn8883(@TempDir Path directory) throws Exception {
        javaKeystore(jks(directory)).run((context) -> {
            Mqtt5ClientOptions options = context.getBean(Mqtt5Client.class).options();
            assertThat(options.port()).isEqualTo(8883);
            assertThat(options.tls().clientCertificateChain())
                .containsExactly(TestCertificates.get().client().certificate());
            assertThat(options.tls().clientKey()).isPresent();
        });
    }

    @Test
    void javaKeystoreWithAnUnknownAliasFailsNamingTheAliasProperty(@TempDir Path directory) throws Exception {
        javaKeystore(jks(directory), "aws.iot.mqtt5.java-keystore.alias=devise").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(propertyFailure(context.getStartupFailure()))
                .hasMessageContaining("aws.iot.mqtt5.java-keystore.alias")
                .hasMessageContaining("[device]");
        });
    }

    @Test
    void javaKeystoreWithAWrongPasswordFailsNamingThePropertyNotTheValue(@TempDir Path directory) throws Exception {
        javaKeystore(jks(directory), "aws.iot.mqtt5.java-keystore.password=guessed-wrong").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(propertyFailure(context.getStartupFailure()))
                .hasMessageContaining("aws.iot.mqtt5.java-keystore.password")
                .hasMessageNotContaining("guessed-wrong");
        });
        javaKeystore(jks(directory), "aws.iot.mqtt5.java-keystore.key-password=also-wrong").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(propertyFailure(context.getStartupFailure()))
                .hasMessageContaining("aws.iot.mqtt5.java-keystore.key-password")
                .hasMessageNotContaining("also-wrong");
        });
    }

    @Test
    void javaKeystoreWithoutAnAliasSaysWhatToSet(@TempDir Path directory) throws Exception {
        this.runner.withPropertyValues("aws.iot.mqtt5.java-keystore.path=file:" + jks(directory),
                "aws.iot.mqtt5.java-keystore.password=store-pass")
            .run((context) -> assertThat(propertyFailure(context.getStartupFailure()))
                .hasMessageContaining("aws.iot.mqtt5.java-keystore.alias").hasMessageContaining("is required"));
    }

    @Test
    void sigv4EnabledWithoutARegionSignsForTheEndpointsRegion() {
        this.runner.withPropertyValues("aws.iot.mqtt5.sigv4.enabled=true")
            .withBean(AwsCredentialsProvider.class,
                    () -> StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFROMBEAN", "bean-secret")))
            .run((context) -> assertThat(context.getBean(Mqtt5Client.class).options().webSocket().handshakeTransformer())
                .get()
                .hasToString("SigV4HandshakeSigner{service=iotdevicegateway, region=eu-west-1, "
                        + "credentialsProvider=StaticCredentialsProvider}"));
    }

    @Test
    void sigv4OnAHostNameWithoutARegionFailsNamingTheRegionProperty() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=mqtt.example.com", "aws.iot.mqtt5.sigv4.enabled=true")
            .run((context) -> assertThat(propertyFailure(context.getStartupFailure()))
                .hasMessageContaining("aws.iot.mqtt5.sigv4.region")
                .hasMessageContaining("mqtt.example.com"));
    }

    @Test
    void cognitoWithoutARegionUsesTheEndpointsRegion() {
        this.runner.withPropertyValues("aws.iot.mqtt5.cognito.identity-id=eu-west-1:1234")
            .run((context) -> assertThat(context.getBean(Mqtt5Client.class).options().webSocket().handshakeTransformer())
                .get()
                .hasToString("SigV4HandshakeSigner{service=iotdevicegateway, region=eu-west-1, "
                        + "credentialsProvider=CognitoCredentialsProvider}"));
    }
}
