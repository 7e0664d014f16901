package dev.mqtt5.spring.autoconfigure;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.aws.SigV4HandshakeSigner;
import dev.mqtt5.client.config.HttpProxyOptions;
import dev.mqtt5.client.config.WebSocketHandshakeRequest;
import dev.mqtt5.client.config.WebSocketHandshakeTransformer;
import dev.mqtt5.client.testing.TestCertificates;
import dev.mqtt5.spring.testing.PemKeys;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each AWS IoT authentication method builds the client bean with the transport, port, ALPN,
 * handshake signer, user name and proxy it needs, and the common properties apply on top.
 */
class AwsAuthenticationAutoConfigurationTests {

    private static final String ENDPOINT = "abc123-ats.iot.eu-west-1.amazonaws.com";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class))
        .withPropertyValues("aws.iot.mqtt5.auto-startup=false", "aws.iot.mqtt5.endpoint=" + ENDPOINT);

    @Test
    void mtlsFromClasspathPemFilesConnectsDirectlyOn8883WithTheAwsDefaults(@TempDir Path directory) throws Exception {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        URLClassLoader classpath = new URLClassLoader(new URL[] { directory.toUri().toURL() },
                getClass().getClassLoader());
        this.runner.withClassLoader(classpath)
            .withPropertyValues("aws.iot.mqtt5.mtls.certificate=classpath:" + pem.clientCertificate().getFileName(),
                    "aws.iot.mqtt5.mtls.private-key=classpath:" + pem.clientKey().getFileName())
            .run((context) -> {
                Mqtt5ClientOptions options = options(context.getBean(Mqtt5Client.class));
                assertThat(options.hostName()).isEqualTo(ENDPOINT);
                assertThat(options.port()).isEqualTo(8883);
                assertThat(options.webSocket()).isNull();
                assertThat(options.tls().clientCertificateChain())
                    .containsExactly(TestCertificates.get().client().certificate());
                assertThat(options.tls().alpnProtocols()).isEmpty();
                assertThat(options.connectOptions().keepAlive()).isEqualTo(Duration.ofSeconds(1200));
                assertThat(options.connectOptions().clientId()).startsWith("mqtt5-");
                assertThat(options.flowControl().publishesPerSecond()).isEqualTo(100);
                assertThat(options.httpProxy()).isNull();
            });
    }

    @Test
    void mtlsOnPort443OffersAlpnAndTheCommonPropertiesApplyOnTopOfTheAwsDefaults(@TempDir Path directory) {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        this.runner
            .withPropertyValues("aws.iot.mqtt5.mtls.certificate=file:" + pem.clientCertificate(),
                    "aws.iot.mqtt5.mtls.private-key=file:" + pem.clientKey(), "aws.iot.mqtt5.port=443",
                    "aws.iot.mqtt5.tls.ca=file:" + pem.caCertificate(), "aws.iot.mqtt5.client-id=device-1",
                    "aws.iot.mqtt5.keep-alive=30s", "aws.iot.mqtt5.session-expiry=1h",
                    "aws.iot.mqtt5.flow-control.enabled=false", "aws.iot.mqtt5.reconnect.max-delay=7s",
                    "aws.iot.mqtt5.tls.server-name=sni.example")
            .run((context) -> {
                Mqtt5ClientOptions options = options(context.getBean(Mqtt5Client.class));
                assertThat(options.port()).isEqualTo(443);
                assertThat(options.tls().alpnProtocols()).containsExactly("x-amzn-mqtt-ca");
                assertThat(options.tls().trustedCertificates()).containsExactly(TestCertificates.get().ca().certificate());
                assertThat(options.tls().serverName()).contains("sni.example");
                assertThat(options.connectOptions().clientId()).isEqualTo("device-1");
                assertThat(options.connectOptions().keepAlive()).isEqualTo(Duration.ofSeconds(30));
                assertThat(options.connectOptions().sessionExpiryInterval()).isEqualTo(Duration.ofHours(1));
                assertThat(options.flowControl().publishesPerSecond()).isNotEqualTo(100);
                assertThat(options.reconnectOptions().maxDelay()).isEqualTo(Duration.ofSeconds(7));
            });
    }

    @Test
    void tlsAlpnReplacesTheMethodsAlpn(@TempDir Path directory) {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        this.runner
            .withPropertyValues("aws.iot.mqtt5.mtls.certificate=file:" + pem.clientCertificate(),
                    "aws.iot.mqtt5.mtls.private-key=file:" + pem.clientKey(), "aws.iot.mqtt5.port=443",
                    "aws.iot.mqtt5.tls.alpn=custom-protocol")
            .run((context) -> assertThat(options(context.getBean(Mqtt5Client.class)).tls().alpnProtocols())
                .containsExactly("custom-protocol"));
    }

    @Test
    void pkcs12ConnectsWithTheKeyAndCertificateOfTheKeyStore(@TempDir Path directory) throws Exception {
        Path keyStore = pkcs12(directory, "p12-pass");
        this.runner
            .withPropertyValues("aws.iot.mqtt5.pkcs12.path=file:" + keyStore, "aws.iot.mqtt5.pkcs12.password=p12-pass")
            .run((context) -> {
                Mqtt5ClientOptions options = options(context.getBean(Mqtt5Client.class));
                assertThat(options.port()).isEqualTo(8883);
                assertThat(options.webSocket()).isNull();
                assertThat(options.tls().clientCertificateChain())
                    .containsExactly(TestCertificates.get().client().certificate());
                assertThat(options.tls().clientKey()).isPresent();
            });
    }

    @Test
    void sigv4SignsTheWebSocketHandshakeWithTheContextsCredentialsProvider() {
        this.runner.withPropertyValues("aws.iot.mqtt5.sigv4.region=eu-west-1")
            .withBean(AwsCredentialsProvider.class,
                    () -> StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFROMBEAN", "bean-secret")))
            .run((context) -> {
                Mqtt5ClientOptions options = options(context.getBean(Mqtt5Client.class));
                assertThat(options.port()).isEqualTo(443);
                assertThat(options.tls()).isNotNull();
                assertThat(options.tls().alpnProtocols()).isEmpty();
                assertThat(options.webSocket().path()).isEqualTo("/mqtt");
                WebSocketHandshakeTransformer signer = options.webSocket().handshakeTransformer().orElseThrow();
                WebSocketHandshakeRequest signed = signer
                    .transform(WebSocketHandshakeRequest.builder(ENDPOINT, 443).secure(true).path("/mqtt").build())
                    .toCompletableFuture().join();
                assertThat(signed.path()).contains("X-Amz-Credential=AKIDFROMBEAN%2F").contains("%2Feu-west-1%2F");
            });
    }

    @Test
    void sigv4WithoutACredentialsProviderBeanUsesTheSdkDefaultChain() {
        this.runner.withPropertyValues("aws.iot.mqtt5.sigv4.region=eu-west-1", "aws.iot.mqtt5.websocket.path=/custom")
            .run((context) -> {
                Mqtt5ClientOptions options = options(context.getBean(Mqtt5Client.class));
                assertThat(options.webSocket().path()).isEqualTo("/custom");
                assertThat(options.webSocket().handshakeTransformer()).get()
                    .isInstanceOf(SigV4HandshakeSigner.class)
                    .hasToString("SigV4HandshakeSigner{service=iotdevicegateway, region=eu-west-1, "
                            + "credentialsProvider=DefaultCredentialsProvider}");
            });
    }

    @Test
    void cognitoSignsTheWebSocketHandshakeWithCognitoCredentials() {
        this.runner
            .withPropertyValues("aws.iot.mqtt5.cognito.identity-id=eu-west-1:1234", "aws.iot.mqtt5.cognito.region=eu-west-1",
                    "aws.iot.mqtt5.cognito.logins.accounts.google.com=google-token")
            .withBean(AwsCredentialsProvider.class,
                    () -> StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFROMBEAN", "bean-secret")))
            .run((context) -> {
                Mqtt5ClientOptions options = options(context.getBean(Mqtt5Client.class));
                assertThat(options.port()).isEqualTo(443);
                assertThat(options.webSocket().handshakeTransformer()).get()
                    .hasToString("SigV4HandshakeSigner{service=iotdevicegateway, region=eu-west-1, "
                            + "credentialsProvider=CognitoCredentialsProvider}");
            });
    }

    @Test
    void directCustomAuthorizerUsesAlpnMqttOn443AndCarriesTheAuthorizerInTheUsername() {
        this.runner
            .withPropertyValues("aws.iot.mqtt5.custom-authorizer.name=my-authorizer",
                    "aws.iot.mqtt5.custom-authorizer.username=device", "aws.iot.mqtt5.custom-authorizer.password=pw",
                    "aws.iot.mqtt5.client-id=device-1")
            .run((context) -> {
                Mqtt5ClientOptions options = options(context.getBean(Mqtt5Client.class));
                assertThat(options.port()).isEqualTo(443);
                assertThat(options.webSocket()).isNull();
                assertThat(options.tls().alpnProtocols()).containsExactly("mqtt");
                assertThat(options.connectOptions().username()).contains("device")
                    .contains("x-amz-customauthorizer-name=my-authorizer");
                assertThat(options.connectOptions().password()).isEqualTo("pw".getBytes(StandardCharsets.UTF_8));
                assertThat(options.connectOptions().clientId()).isEqualTo("device-1");
            });
    }

    @Test
    void webSocketCustomAuthorizerConnectsOverWebSocketWithoutSigning() {
        this.runner
            .withPropertyValues("aws.iot.mqtt5.custom-authorizer.name=my-authorizer",
                    "aws.iot.mqtt5.custom-authorizer.token-key-name=token", "aws.iot.mqtt5.custom-authorizer.token-value=t",
                    "aws.iot.mqtt5.custom-authorizer.signature=c2lnbmF0dXJl",
                    "aws.iot.mqtt5.custom-authorizer.transport=websocket")
            .run((context) -> {
                Mqtt5ClientOptions options = options(context.getBean(Mqtt5Client.class));
                assertThat(options.port()).isEqualTo(443);
                assertThat(options.webSocket()).isNotNull();
                assertThat(options.webSocket().handshakeTransformer()).isEmpty();
                assertThat(options.tls().alpnProtocols()).isEmpty();
                assertThat(options.connectOptions().username()).contains("x-amz-customauthorizer-signature=");
            });
    }

    @Test
    void theProxyAppliesToAwsMethodsWithAuthenticationAndTlsToTheProxy(@TempDir Path directory) {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        this.runner
            .withPropertyValues("aws.iot.mqtt5.sigv4.region=eu-west-1", "aws.iot.mqtt5.proxy.host=proxy.example",
                    "aws.iot.mqtt5.proxy.port=3128", "aws.iot.mqtt5.proxy.username=proxy-user",
                    "aws.iot.mqtt5.proxy.password=proxy-secret", "aws.iot.mqtt5.proxy.tls=true",
                    "aws.iot.mqtt5.proxy.ca=file:" + pem.caCertificate())
            .run((context) -> {
                HttpProxyOptions proxy = options(context.getBean(Mqtt5Client.class)).httpProxy();
                assertThat(proxy.type()).isEqualTo(HttpProxyOptions.Type.HTTP);
                assertThat(proxy.address()).isEqualTo("proxy.example:3128");
                assertThat(proxy.username()).contains("proxy-user");
                assertThat(proxy.password()).contains("proxy-secret");
                assertThat(proxy.tls()).get()
                    .satisfies((tls) -> assertThat(tls.trustedCertificates())
                        .containsExactly(TestCertificates.get().ca().certificate()));
            });
    }

    @Test
    void theProxyAppliesToPlainBrokers() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class))
            .withPropertyValues("aws.iot.mqtt5.auto-startup=false", "aws.iot.mqtt5.endpoint=broker.example",
                    "aws.iot.mqtt5.proxy.host=proxy.example", "aws.iot.mqtt5.proxy.port=3128")
            .run((context) -> {
                Mqtt5ClientOptions options = options(context.getBean(Mqtt5Client.class));
                assertThat(options.port()).isEqualTo(1883);
                assertThat(options.httpProxy().address()).isEqualTo("proxy.example:3128");
                assertThat(options.httpProxy().username()).isEmpty();
                assertThat(options.httpProxy().tls()).isEmpty();
            });
    }

    @Test
    void withoutTheAwsSdkAnAwsMethodFailsNamingItsGroupAndTheDependencyToAdd() {
        this.runner.withClassLoader(new FilteredClassLoader(AwsCredentialsProvider.class))
            .withPropertyValues("aws.iot.mqtt5.sigv4.region=eu-west-1")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidMqtt5PropertyException.class)
                    .hasMessageContaining("aws.iot.mqtt5.sigv4: needs software.amazon.awssdk:auth on the classpath");
            });
    }

    @Test
    void withoutBouncyCastlePemMutualTlsBuildsAndOnlyALegacyEncryptedKeyNamesTheDependency(@TempDir Path directory)
            throws Exception {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        TestCertificates.Issued client = TestCertificates.get().client();
        Path traditional = Files.writeString(directory.resolve("sec1.key"), PemKeys.traditional(client.privateKey()));
        // The legacy encryption is met with RSA keys ('openssl genrsa -aes128').
        TestCertificates.Issued rsa = TestCertificates.get().issueClient("legacy", "RSA");
        Path rsaCertificate = Files.writeString(directory.resolve("rsa.crt"), PemKeys.certificate(rsa.certificate()));
        Path legacy = Files.writeString(directory.resolve("legacy.key"), PemKeys.legacyEncrypted(rsa.privateKey(), "k3y-pass"));
        ApplicationContextRunner withoutBouncyCastle = this.runner.withClassLoader(new FilteredClassLoader(PEMParser.class))
            .withPropertyValues("aws.iot.mqtt5.mtls.certificate=file:" + pem.clientCertificate());
        // Read by Spring Boot's PEM reader; the mapping checked that it is the certificate's key.
        withoutBouncyCastle.withPropertyValues("aws.iot.mqtt5.mtls.private-key=file:" + traditional)
            .run((context) -> assertThat(options(context.getBean(Mqtt5Client.class)).tls().clientKey())
                .hasValueSatisfying((key) -> assertThat(key.getAlgorithm()).isEqualTo("EC")));
        withoutBouncyCastle
            .withPropertyValues("aws.iot.mqtt5.mtls.certificate=file:" + rsaCertificate,
                    "aws.iot.mqtt5.mtls.private-key=file:" + legacy, "aws.iot.mqtt5.mtls.password=k3y-pass")
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("aws.iot.mqtt5.mtls.private-key: is a legacy OpenSSL-encrypted key")
                .hasMessageContaining("needs org.bouncycastle:bcpkix-jdk18on"));
        // With Bouncy Castle, the client's reader decrypts it.
        this.runner
            .withPropertyValues("aws.iot.mqtt5.mtls.certificate=file:" + rsaCertificate,
                    "aws.iot.mqtt5.mtls.private-key=file:" + legacy, "aws.iot.mqtt5.mtls.password=k3y-pass")
            .run((context) -> assertThat(options(context.getBean(Mqtt5Client.class)).tls().clientKey())
                .hasValueSatisfying((key) -> assertThat(key.getEncoded()).isEqualTo(rsa.privateKey().getEncoded())));
    }

    @Test
    void anEncryptedPkcs8KeyNeedsItsPasswordAndAMismatchedKeyIsRefused(@TempDir Path directory) throws Exception {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        TestCertificates.Issued client = TestCertificates.get().client();
        Path encrypted = Files.writeString(directory.resolve("encrypted.key"),
                PemKeys.encryptedPkcs8(client.privateKey(), "k3y-pass"));
        ApplicationContextRunner mtls = this.runner
            .withPropertyValues("aws.iot.mqtt5.mtls.certificate=file:" + pem.clientCertificate());
        mtls.withPropertyValues("aws.iot.mqtt5.mtls.private-key=file:" + encrypted, "aws.iot.mqtt5.mtls.password=k3y-pass")
            .run((context) -> assertThat(options(context.getBean(Mqtt5Client.class)).tls().clientKey())
                .hasValueSatisfying((key) -> assertThat(key.getEncoded()).isEqualTo(client.privateKey().getEncoded())));
        mtls.withPropertyValues("aws.iot.mqtt5.mtls.private-key=file:" + encrypted, "aws.iot.mqtt5.mtls.password=wrong")
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("aws.iot.mqtt5.mtls.private-key: is an encrypted PKCS#8 key that "
                        + "aws.iot.mqtt5.mtls.password does not decrypt")
                .hasMessageNotContaining("wrong"));
        mtls.withPropertyValues("aws.iot.mqtt5.mtls.private-key=file:" + pem.serverKey())
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("aws.iot.mqtt5.mtls.private-key: is not the private key of the certificate in "
                        + "aws.iot.mqtt5.mtls.certificate"));
    }

    @Test
    void withoutTheAwsSdkAPlainBrokerClientStillBuilds() {
        this.runner.withClassLoader(new FilteredClassLoader("software.amazon.awssdk"))
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(AwsSigV4Credentials.class);
                assertThat(options(context.getBean(Mqtt5Client.class)).port()).isEqualTo(1883);
            });
    }

    static Path pkcs12(Path directory, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        TestCertificates.Issued client = TestCertificates.get().client();
        store.setKeyEntry("device", client.privateKey(), password.toCharArray(),
                new X509Certificate[] { client.certificate() });
        Path file = directory.resolve("device.p12");
        try (var out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    private static Mqtt5ClientOptions options(Mqtt5Client client) {
        return client.options();
    }
}
