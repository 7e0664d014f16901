package dev.mqtt5.client.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import dev.mqtt5.client.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** X.509 mutual TLS against mosquitto requiring a client certificate from the test CA, in every key format. */
@ExtendWith(MosquittoExtension.class)
class MtlsConnectionTest {

    private static final char[] KEY_PASSWORD = "k3y-pa55word".toCharArray();

    private final AwsClients clients = new AwsClients();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        clients.close();
    }

    private static X509Certificate ca() {
        return TestCertificates.get().ca().certificate();
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private void connectsWith(MosquittoBroker broker, KeyPair keys, String keyPem, char[] password) throws Exception {
        Path cert = write("device.pem.crt", ClientIdentities.pem(ClientIdentities.clientCertificate(keys.getPublic())));
        Path key = write("private.pem.key", keyPem);
        clients.connectAndRoundTrip(AwsIotMqtt5ClientBuilder.mtlsFromPath("localhost", cert, key, password)
                .port(broker.mtlsPort()).trustedCertificates(ca()));
    }

    @Test
    void connectsWithPkcs1RsaKey(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.rsa();
        String pem = ClientIdentities.pem(keys.getPrivate());
        assertThat(pem).contains("BEGIN RSA PRIVATE KEY");
        connectsWith(broker, keys, pem, null);
    }

    @Test
    void connectsWithPkcs8RsaKey(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.rsa();
        connectsWith(broker, keys, ClientIdentities.pkcs8(keys.getPrivate()), null);
    }

    @Test
    void connectsWithSec1EcKey(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.ec();
        String pem = ClientIdentities.sec1((java.security.interfaces.ECPrivateKey) keys.getPrivate());
        assertThat(pem).contains("BEGIN EC PRIVATE KEY");
        connectsWith(broker, keys, pem, null);
    }

    @Test
    void connectsWithPkcs8EcKey(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.ec();
        connectsWith(broker, keys, ClientIdentities.pkcs8(keys.getPrivate()), null);
    }

    @Test
    void connectsWithPasswordEncryptedPkcs8Key(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.rsa();
        String pem = ClientIdentities.encryptedPkcs8(keys.getPrivate(), KEY_PASSWORD);
        assertThat(pem).contains("BEGIN ENCRYPTED PRIVATE KEY");
        connectsWith(broker, keys, pem, KEY_PASSWORD);
    }

    @Test
    void connectsWithPemFromMemory(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.ec();
        clients.connectAndRoundTrip(AwsIotMqtt5ClientBuilder.mtlsFromMemory("localhost",
                ClientIdentities.pem(ClientIdentities.clientCertificate(keys.getPublic())),
                ClientIdentities.pkcs8(keys.getPrivate())).port(broker.mtlsPort()).trustedCertificates(ca()));
    }

    @Test
    void connectsWithPkcs12File(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.rsa();
        char[] password = "p12-secret".toCharArray();
        Path p12 = Files.write(dir.resolve("device.p12"), ClientIdentities.pkcs12(keys.getPrivate(),
                ClientIdentities.clientCertificate(keys.getPublic()), password));
        clients.connectAndRoundTrip(AwsIotMqtt5ClientBuilder.mtlsWithPkcs12("localhost", p12, password)
                .port(broker.mtlsPort()).trustedCertificates(ca()));
    }

    @Test
    void wrongPkcs12PasswordNamesTheSetting() throws Exception {
        KeyPair keys = ClientIdentities.ec();
        Path p12 = Files.write(dir.resolve("device.p12"), ClientIdentities.pkcs12(keys.getPrivate(),
                ClientIdentities.clientCertificate(keys.getPublic()), "right".toCharArray()));
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsWithPkcs12("localhost", p12, "wrong".toCharArray()))
                .hasMessageContaining("pkcs12 password is wrong").hasMessageContaining(p12.toString());
    }

    @Test
    void encryptedKeyWithoutOrWithWrongPasswordNamesTheSetting() throws Exception {
        KeyPair keys = ClientIdentities.rsa();
        Path cert = write("c.pem", ClientIdentities.pem(ClientIdentities.clientCertificate(keys.getPublic())));
        Path key = write("k.pem", ClientIdentities.encryptedPkcs8(keys.getPrivate(), KEY_PASSWORD));
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsFromPath("localhost", cert, key))
                .hasMessageContaining("mtls privateKey").hasMessageContaining("encrypted")
                .hasMessageContaining("privateKeyPassword");
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsFromPath("localhost", cert, key, "nope".toCharArray()))
                .hasMessageContaining("mtls privateKey").hasMessageContaining("password is wrong")
                .hasMessageNotContaining(new String(KEY_PASSWORD));
    }

    @Test
    void missingFilesAndNonKeyPemNameTheSetting() throws Exception {
        Path cert = write("c.pem", ClientIdentities.pem(TestCertificates.get().client().certificate()));
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsFromPath("localhost", dir.resolve("nope.crt"), cert))
                .hasMessageContaining("mtls certPath").hasMessageContaining("nope.crt");
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsFromPath("localhost", cert, cert))
                .hasMessageContaining("mtls privateKey").hasMessageContaining("holds no private key");
    }

    @Test
    void untrustedServerCaFailsNamingTheTrustSetting(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.ec();
        KeyPair otherCa = ClientIdentities.ec();
        // Trust only a certificate that did not sign the server's: the JVM default store would not either.
        X509Certificate unrelated = ClientIdentities.clientCertificate(otherCa.getPublic());
        String failure = clients.firstFailure(AwsIotMqtt5ClientBuilder.mtlsFromMemory("localhost",
                ClientIdentities.pem(ClientIdentities.clientCertificate(keys.getPublic())),
                ClientIdentities.pkcs8(keys.getPrivate())).port(broker.mtlsPort()).trustedCertificates(unrelated));
        assertThat(failure).contains("TLS handshake").contains("not trusted").contains("trustedCertificates");
    }

    @Test
    void wrongHostNameFailsNamingTheHost(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.ec();
        String failure = clients.firstFailure(AwsIotMqtt5ClientBuilder.mtlsFromMemory("localhost",
                ClientIdentities.pem(ClientIdentities.clientCertificate(keys.getPublic())),
                ClientIdentities.pkcs8(keys.getPrivate())).port(broker.mtlsPort()).trustedCertificates(ca())
                .tls(t -> t.serverName(TestCertificates.WRONG_HOST)));
        assertThat(failure).contains("does not match").contains(TestCertificates.WRONG_HOST);
    }

    @Test
    void expiredClientCertificateFailsSayingSo(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.ec();
        Instant past = Instant.now().minus(Duration.ofDays(10));
        X509Certificate expired = ClientIdentities.clientCertificate(keys.getPublic(), past, past.plus(Duration.ofDays(1)));
        String failure = clients.firstFailure(AwsIotMqtt5ClientBuilder.mtlsFromMemory("localhost",
                ClientIdentities.pem(expired), ClientIdentities.pkcs8(keys.getPrivate()))
                .port(broker.mtlsPort()).trustedCertificates(ca()));
        assertThat(failure).containsIgnoringCase("expired");
    }

    @Test
    void port443OffersAlpnForMqttOverMutualTls() throws Exception {
        KeyPair keys = ClientIdentities.ec();
        var builder = AwsIotMqtt5ClientBuilder.mtlsFromMemory("example-ats.iot.us-east-1.amazonaws.com",
                ClientIdentities.pem(ClientIdentities.clientCertificate(keys.getPublic())),
                ClientIdentities.pkcs8(keys.getPrivate()));
        TlsOptions direct = builder.buildOptions().tls();
        assertThat(builder.buildOptions().port()).isEqualTo(8883);
        assertThat(direct.alpnProtocols()).isEmpty();
        var on443 = builder.port(443).buildOptions();
        assertThat(on443.tls().alpnProtocols()).isEqualTo(List.of("x-amzn-mqtt-ca"));
        assertThat(on443.connectOptions().keepAlive()).isEqualTo(Duration.ofSeconds(1200));
        assertThat(on443.connectOptions().clientId()).startsWith("mqtt5-");
        assertThat(on443.flowControl().enabled()).isTrue();
        assertThat(on443.flowControl().publishesPerSecond()).isEqualTo(100);
        assertThat(on443.flowControl().bytesPerSecond()).isEqualTo(512 * 1024);
    }
}
