package dev.mqtt5.client.aws;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import dev.mqtt5.client.testing.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Mutual TLS from a key entry of a Java KeyStore (JKS), against mosquitto requiring a client certificate. */
@ExtendWith(MosquittoExtension.class)
class JavaKeystoreTest {

    private static final char[] STORE_PASSWORD = "st0re".toCharArray();
    private static final char[] KEY_PASSWORD = "k3y-entry".toCharArray();

    private final AwsClients clients = new AwsClients();

    @AfterEach
    void close() {
        clients.close();
    }

    /** A JKS store, written and read back as a file would be, with the device key, another key and a CA entry. */
    private static KeyStore keystore(KeyPair device) throws Exception {
        KeyStore store = KeyStore.getInstance("JKS");
        store.load(null, null);
        X509Certificate certificate = ClientIdentities.clientCertificate(device.getPublic());
        store.setKeyEntry("device", device.getPrivate(), KEY_PASSWORD, new Certificate[] {certificate});
        KeyPair other = ClientIdentities.ec();
        store.setKeyEntry("other", other.getPrivate(), KEY_PASSWORD,
                new Certificate[] {ClientIdentities.clientCertificate(other.getPublic())});
        store.setCertificateEntry("ca", TestCertificates.get().ca().certificate());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, STORE_PASSWORD);
        KeyStore loaded = KeyStore.getInstance("JKS");
        loaded.load(new ByteArrayInputStream(bytes.toByteArray()), STORE_PASSWORD);
        return loaded;
    }

    @Test
    void connectsWithTheNamedKeyEntry(MosquittoBroker broker) throws Exception {
        KeyStore store = keystore(ClientIdentities.rsa());
        clients.connectAndRoundTrip(AwsIotMqtt5ClientBuilder.mtlsFromJavaKeystore("localhost", store, "device", KEY_PASSWORD)
                .port(broker.mtlsPort()).trustedCertificates(TestCertificates.get().ca().certificate()));
    }

    @Test
    void anUnknownOrNonKeyAliasNamesTheKeyEntries() throws Exception {
        KeyStore store = keystore(ClientIdentities.ec());
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsFromJavaKeystore("localhost", store, "devise", KEY_PASSWORD))
                .hasMessageContaining("java-keystore alias 'devise'").hasMessageContaining("[device, other]")
                .hasMessageContaining("other");
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsFromJavaKeystore("localhost", store, "ca", KEY_PASSWORD))
                .hasMessageContaining("alias 'ca' is not a private key entry");
    }

    @Test
    void aWrongPasswordNamesTheSettingNotThePassword() throws Exception {
        KeyStore store = keystore(ClientIdentities.ec());
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsFromJavaKeystore("localhost", store, "device",
                "wrong-pass".toCharArray()))
                .hasMessageContaining("java-keystore password does not unlock the key 'device'")
                .hasMessageNotContaining("wrong-pass");
    }
}
