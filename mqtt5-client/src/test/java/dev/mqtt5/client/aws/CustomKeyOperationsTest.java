package dev.mqtt5.client.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import dev.mqtt5.client.testing.TestCertificates;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mutual TLS whose private key the client never sees: a handler holding the key (as a TPM or secure
 * element would) signs the handshake, against mosquitto requiring a client certificate.
 */
@ExtendWith(MosquittoExtension.class)
class CustomKeyOperationsTest {

    private final AwsClients clients = new AwsClients();
    private final List<TlsKeyOperation> operations = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        clients.close();
    }

    /** A "secure element": signs with a key only it holds, the way the handshake asks. */
    private TlsKeyOperationHandler element(PrivateKey key) {
        return operation -> {
            operations.add(operation);
            threads.add(Thread.currentThread().getName());
            Signature signature = Signature.getInstance(operation.algorithm());
            operation.parameters().ifPresent(p -> {
                try {
                    signature.setParameter(p);
                } catch (java.security.InvalidAlgorithmParameterException e) {
                    throw new IllegalStateException(e);
                }
            });
            signature.initSign(key);
            signature.update(operation.data());
            return signature.sign();
        };
    }

    private AwsIotMqtt5ClientBuilder builder(MosquittoBroker broker, TlsKeyOperationHandler handler, KeyPair keys,
            String protocol) throws Exception {
        X509Certificate certificate = ClientIdentities.clientCertificate(keys.getPublic());
        return AwsIotMqtt5ClientBuilder.mtlsWithCustomKeyOperations("localhost", handler, certificate)
                .port(broker.mtlsPort()).trustedCertificates(TestCertificates.get().ca().certificate())
                .tls(tls -> tls.protocols(List.of(protocol)));
    }

    @Test
    void rsaKeySignsTls13HandshakeWithPss(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.rsa();
        clients.connectAndRoundTrip(builder(broker, element(keys.getPrivate()), keys, "TLSv1.3"));
        assertThat(operations).isNotEmpty().allSatisfy(op -> {
            assertThat(op.algorithm()).isEqualTo("RSASSA-PSS");
            assertThat(op.keyAlgorithm()).isEqualTo("RSA");
            assertThat(op.parameters()).isPresent();
            assertThat(op.digestAlgorithm()).startsWith("SHA-");
        });
    }

    @Test
    void rsaKeySignsTls12HandshakeWithPkcs1OrPss(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.rsa();
        clients.connectAndRoundTrip(builder(broker, element(keys.getPrivate()), keys, "TLSv1.2"));
        assertThat(operations).isNotEmpty();
        assertThat(operations.get(0).algorithm()).isIn("RSASSA-PSS", "SHA256withRSA", "SHA384withRSA", "SHA512withRSA");
        // With TLS 1.2 the JDK signs in a delegated handshake task: on the key-operations threads, off the I/O thread.
        assertThat(threads).allMatch(name -> name.startsWith("mqtt5-tls-key-operations-"));
    }

    @Test
    void ecKeySignsTls12HandshakeWithEcdsa(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.ec();
        clients.connectAndRoundTrip(builder(broker, element(keys.getPrivate()), keys, "TLSv1.2"));
        assertThat(operations).isNotEmpty().allSatisfy(op -> {
            assertThat(op.algorithm()).endsWith("withECDSA");
            assertThat(op.keyAlgorithm()).isEqualTo("EC");
        });
        assertThat(threads).allMatch(name -> name.startsWith("mqtt5-tls-key-operations-"));
    }

    @Test
    void aDeviceThatSignsOnlyDigestsConnects(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.ec();
        TlsKeyOperationHandler digestSigner = operation -> {
            operations.add(operation);
            Signature raw = Signature.getInstance("NONEwithECDSA");
            raw.initSign(keys.getPrivate());
            raw.update(operation.digest());
            return raw.sign();
        };
        clients.connectAndRoundTrip(builder(broker, digestSigner, keys, "TLSv1.3"));
        assertThat(operations).isNotEmpty();
        assertThat(operations.get(0).toString()).contains("bytes").doesNotContain("data=[");
    }

    @Test
    void aFailingHandlerFailsTheConnectionAttemptWithItsReason(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.ec();
        TlsKeyOperationHandler broken = operation -> {
            throw new IllegalStateException("secure element locked");
        };
        String failure = clients.firstFailure(builder(broker, broken, keys, "TLSv1.3"));
        assertThat(failure).contains("TLS key operation handler failed").contains("secure element locked");
    }

    @Test
    void theProviderSignsOnlyItsOwnKeys() throws Exception {
        KeyPair keys = ClientIdentities.ec();
        TlsKeyOperations.keyManagerFactory(element(keys.getPrivate()),
                ClientIdentities.clientCertificate(keys.getPublic()));
        Signature ordinary = Signature.getInstance("SHA256withECDSA");
        ordinary.initSign(keys.getPrivate());
        assertThat(ordinary.getProvider().getName()).isNotEqualTo(KeyOperationsProvider.NAME);
    }

    @Test
    void anEmptyChainOrAnUnsupportedKeyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsWithCustomKeyOperations("localhost", op -> new byte[0]))
                .hasMessageContaining("custom key operations chain");
    }
}
