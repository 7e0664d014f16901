package dev.mqtt5.aws.iot.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mqtt5.aws.iot.rr.RequestResponseClient;
import dev.mqtt5.aws.iot.testing.ScriptedResponder;
import dev.mqtt5.aws.iot.testing.ScriptedResponder.Request;
import dev.mqtt5.aws.iot.testing.TestClients;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import dev.mqtt5.client.testing.TestCertificates;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fleet Provisioning by claim against mosquitto and a fake provisioning service that signs with a test CA. */
@ExtendWith(MosquittoExtension.class)
class FleetProvisioningClientTest {

    private static final String TEMPLATE = "factory-template";

    private ScriptedResponder responder;
    private FakeProvisioningService service;
    private Mqtt5Client device;
    private RequestResponseClient rr;
    private FleetProvisioningClient provisioning;

    @BeforeEach
    void connect(MosquittoBroker broker) {
        responder = ScriptedResponder.start(broker);
        service = new FakeProvisioningService(responder, TEMPLATE);
        device = TestClients.persistent(broker);
        rr = RequestResponseClient.create(device, null, null);
        provisioning = FleetProvisioningClient.create(rr);
    }

    @AfterEach
    void close() {
        rr.close();
        device.close();
        responder.close();
    }

    @Test
    void provisioningWithACsrYieldsACertificateChainedToTheCaWhoseKeyIsTheDevicesOwn() throws Exception {
        ProvisionedIdentity identity = provisioning.provisionWithCsr(TEMPLATE, Map.of("SerialNumber", "42"),
                CsrGenerator.KeyType.EC_P256).get(10, TimeUnit.SECONDS);

        X509Certificate certificate = certificate(identity.certificatePem());
        certificate.verify(TestCertificates.get().ca().certificate().getPublicKey());
        PrivateKey key = privateKey(identity.privateKeyPem(), "EC");
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update("proof".getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update("proof".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(signature)).isTrue();

        assertThat(identity.thingName()).isEqualTo("device-42");
        assertThat(identity.deviceConfiguration()).containsEntry("fleet", "blue");
        Request csrRequest = responder.received().get(0);
        assertThat(csrRequest.body().propertyNames()).containsExactly("certificateSigningRequest");
        assertThat(csrRequest.body().get("certificateSigningRequest").asString())
                .startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(responder.received().get(1).body().get("parameters").get("SerialNumber").asString())
                .isEqualTo("42");
    }

    @Test
    void aCsrWithAnRsaKeyWorksToo() throws Exception {
        ProvisionedIdentity identity = provisioning.provisionWithCsr(TEMPLATE, Map.of("SerialNumber", "7"),
                CsrGenerator.KeyType.RSA_2048).get(10, TimeUnit.SECONDS);

        assertThat(certificate(identity.certificatePem()).getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(privateKey(identity.privateKeyPem(), "RSA").getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void provisioningWithNewKeysReturnsTheKeyAwsCreated() throws Exception {
        ProvisionedIdentity identity = provisioning.provisionWithNewKeys(TEMPLATE, Map.of("SerialNumber", "9"))
                .get(10, TimeUnit.SECONDS);

        assertThat(identity.certificateId()).isEqualTo("cert-1");
        assertThat(identity.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        certificate(identity.certificatePem()).verify(TestCertificates.get().ca().certificate().getPublicKey());
        assertThat(identity.thingName()).isEqualTo("device-9");
    }

    @Test
    void aRejectionCarriesStatusCodeErrorCodeAndMessage() {
        Throwable failure = catchThrowable(() -> provisioning.registerThing(TEMPLATE, "forged-token",
                Map.of("SerialNumber", "1")).get(10, TimeUnit.SECONDS));

        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(ProvisioningException.class);
        ProvisioningException rejected = (ProvisioningException) failure.getCause();
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.errorCode()).isEqualTo("InvalidCertificateOwnershipToken");
        assertThat(rejected.errorMessage()).contains("invalid or expired");
        assertThat(rejected).hasMessageContaining("RegisterThing").hasMessageContaining("factory-template");
    }

    @Test
    void requestsWithoutTokensAreSentOneAtATimeSoEachGetsItsOwnReply() throws Exception {
        service.replyDelay(Duration.ofMillis(200));

        CompletableFuture<CreatedCertificate> first = provisioning.createKeysAndCertificate();
        CompletableFuture<CreatedCertificate> second = provisioning.createKeysAndCertificate();

        responder.awaitRequest(Duration.ofSeconds(10));
        responder.assertNoRequest(Duration.ofMillis(100));
        assertThat(first.get(10, TimeUnit.SECONDS).certificateId()).isEqualTo("cert-1");
        assertThat(second.get(10, TimeUnit.SECONDS).certificateId()).isEqualTo("cert-2");
    }

    @Test
    void secretsStayOutOfToString() throws Exception {
        CreatedCertificate created = provisioning.createKeysAndCertificate().get(10, TimeUnit.SECONDS);
        ProvisionedIdentity identity = provisioning.provisionWithNewKeys(TEMPLATE, Map.of("SerialNumber", "3"))
                .get(10, TimeUnit.SECONDS);
        DeviceCsr csr = CsrGenerator.generate("CN=x", CsrGenerator.KeyType.EC_P256);

        assertThat(created.toString()).doesNotContain(created.certificateOwnershipToken())
                .doesNotContain("PRIVATE KEY").contains("redacted");
        assertThat(identity.toString()).doesNotContain("PRIVATE KEY").contains("device-3");
        assertThat(csr.toString()).doesNotContain(csr.privateKeyPem());
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static PrivateKey privateKey(String pem, String algorithm) throws Exception {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(base64)));
    }
}
