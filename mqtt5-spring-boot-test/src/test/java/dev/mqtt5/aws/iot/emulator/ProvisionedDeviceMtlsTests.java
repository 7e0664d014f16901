package dev.mqtt5.aws.iot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.testing.FreePorts;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.TestCertificates;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A device provisioned through the emulator connects with its new certificate to a mutual TLS
 * listener that trusts the emulator's CA, made before the broker and given to the emulator.
 */
class ProvisionedDeviceMtlsTests {

    static final String CREATE = "$aws/certificates/create/json";

    static CertificateAuthority authority;

    static MosquittoBroker broker;

    static int fleetPort;

    static AwsIotEmulator emulator;

    @BeforeAll
    static void start(@TempDir Path directory) throws Exception {
        authority = CertificateAuthority.generate("fleet CA");
        Path caFile = Files.writeString(directory.resolve("fleet-ca.pem"), authority.certificatePem());
        Path serverCertificate = directory.resolve("server.pem");
        Path serverKey = directory.resolve("server-key.pem");
        TestCertificates.writePem(TestCertificates.get().server(), serverCertificate, serverKey);
        fleetPort = FreePorts.allocate();
        // A listener of our own, before MosquittoBroker's: devices must show a certificate of the fleet CA.
        broker = MosquittoBroker.builder().configLine("listener " + fleetPort + " 127.0.0.1")
                .configLine("cafile " + caFile).configLine("certfile " + serverCertificate)
                .configLine("keyfile " + serverKey).configLine("require_certificate true").start();
        emulator = AwsIotEmulator.builder().host(broker.host()).port(broker.tcpPort()).certificateAuthority(authority)
                .build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
        broker.close();
    }

    @Test
    void aDeviceConnectsWithTheKeyAndCertificateCreateKeysAndCertificateGaveIt() throws Exception {
        JsonNode created;
        try (TestDevice claim = TestDevice.connect(broker.host(), broker.tcpPort())) {
            claim.subscribe(CREATE + "/accepted");
            created = claim.request(CREATE, "{}", CREATE + "/accepted");
        }
        X509Certificate certificate = ProvisioningServiceTests.parse(created.get("certificatePem").asString());
        PrivateKey key;
        try (PEMParser parser = new PEMParser(new StringReader(created.get("privateKey").asString()))) {
            key = new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject()).getPrivate();
        }
        assertThat(emulator.certificateAuthority()).isSameAs(authority);

        assertThat(connects(key, certificate)).isTrue();
        TestCertificates.Issued otherCa = TestCertificates.get().client();
        assertThat(connects(otherCa.privateKey(), otherCa.certificate())).as("a certificate of another CA").isFalse();
    }

    static boolean connects(PrivateKey key, X509Certificate certificate) throws InterruptedException {
        CompletableFuture<Boolean> connected = new CompletableFuture<>();
        TlsOptions tls = TlsOptions.builder().trustedCertificates(TestCertificates.get().ca().certificate())
                .clientCertificate(key, certificate).build();
        try (Mqtt5Client device = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName("127.0.0.1").port(fleetPort)
                .tls(tls).connectOptions(ConnectPacket.builder().clientId("fleet-" + UUID.randomUUID()).build())
                .lifecycleListener(new LifecycleListener() {
                    @Override
                    public void onConnectionSuccess(ConnectionSuccessEvent event) {
                        connected.complete(true);
                    }

                    @Override
                    public void onConnectionFailure(ConnectionFailureEvent event) {
                        connected.complete(false);
                    }
                }).build())) {
            device.start();
            return connected.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
            throw new AssertionError("no connection outcome within 10 s", ex);
        }
    }
}
