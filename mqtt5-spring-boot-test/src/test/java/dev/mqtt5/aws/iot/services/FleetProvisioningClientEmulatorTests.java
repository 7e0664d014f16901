package dev.mqtt5.aws.iot.services;

import static dev.mqtt5.aws.iot.services.LibraryDevice.await;
import static dev.mqtt5.aws.iot.services.LibraryDevice.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.aws.iot.emulator.ProvisioningTemplate;
import dev.mqtt5.aws.iot.provisioning.CreatedCertificate;
import dev.mqtt5.aws.iot.provisioning.CsrGenerator;
import dev.mqtt5.aws.iot.provisioning.DeviceCsr;
import dev.mqtt5.aws.iot.provisioning.FleetProvisioningClient;
import dev.mqtt5.aws.iot.provisioning.ProvisionedIdentity;
import dev.mqtt5.aws.iot.provisioning.ProvisioningException;
import dev.mqtt5.aws.iot.provisioning.RegisteredThing;
import dev.mqtt5.client.testing.MosquittoExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every {@link FleetProvisioningClient} operation and its rejections against the emulator on mosquitto. */
class FleetProvisioningClientEmulatorTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static AwsIotEmulator emulator;

    static LibraryDevice device;

    static FleetProvisioningClient provisioning;

    @BeforeAll
    static void start() {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .build().start();
        emulator.provisioning().registerTemplate(ProvisioningTemplate.of("fleet", "device-${SerialNumber}")
                .withRequiredParameters("Model").withDeviceConfiguration(Map.of("region", "eu-west-1")));
        device = LibraryDevice.connect(MOSQUITTO.broker());
        provisioning = device.services.fleetProvisioning();
    }

    @AfterAll
    static void stop() {
        device.close();
        emulator.close();
    }

    @Test
    void createKeysAndCertificateReturnsAKeyAndACertificateOfTheEmulatorsCa() throws Exception {
        CreatedCertificate created = await(provisioning.createKeysAndCertificate());

        X509Certificate certificate = parse(created.certificatePem());
        certificate.verify(emulator.certificateAuthority().certificate().getPublicKey());
        assertThat(created.certificateId()).isEqualTo(sha256Hex(certificate));
        assertThat(created.privateKeyPem()).contains("PRIVATE KEY");
        assertThat(created.certificateOwnershipToken()).isNotBlank();
        assertThat(created.toString()).doesNotContain(created.privateKeyPem())
                .doesNotContain(created.certificateOwnershipToken());
    }

    @Test
    void createCertificateFromCsrCertifiesTheDevicesOwnKey() throws Exception {
        DeviceCsr csr = CsrGenerator.generate("CN=device-csr", CsrGenerator.KeyType.EC_P256);

        CreatedCertificate created = await(provisioning.createCertificateFromCsr(csr.csrPem()));

        assertThat(parse(created.certificatePem()).getPublicKey()).isEqualTo(csr.keyPair().getPublic());
        assertThat(created.privateKeyPem()).as("the key never left the device").isNull();
        assertThat(created.certificateOwnershipToken()).isNotBlank();
    }

    @Test
    void registerThingNamesTheThingFromTheTemplateAndReturnsTheDeviceConfiguration() {
        CreatedCertificate created = await(provisioning.createKeysAndCertificate());

        RegisteredThing thing = await(provisioning.registerThing("fleet", created.certificateOwnershipToken(),
                Map.of("SerialNumber", "101", "Model", "x1")));

        assertThat(thing.thingName()).isEqualTo("device-101");
        assertThat(thing.deviceConfiguration()).containsExactly(Map.entry("region", "eu-west-1"));
        assertThat(emulator.provisioning().provisionedThings()).containsEntry("device-101", created.certificateId());
    }

    @Test
    void provisionWithNewKeysRunsTheWholeFlow() throws Exception {
        ProvisionedIdentity identity = await(provisioning.provisionWithNewKeys("fleet",
                Map.of("SerialNumber", "102", "Model", "x1")));

        assertThat(identity.thingName()).isEqualTo("device-102");
        assertThat(identity.deviceConfiguration()).containsEntry("region", "eu-west-1");
        assertThat(emulator.provisioning().provisionedThings()).containsEntry("device-102", identity.certificateId());
        assertThat(sha256Hex(parse(identity.certificatePem())))
                .isEqualTo(identity.certificateId());
        assertThat(identity.privateKeyPem()).contains("PRIVATE KEY");
        assertThat(identity.toString()).doesNotContain(identity.privateKeyPem());
    }

    @Test
    void provisionWithCsrKeepsAKeyThatMatchesTheIssuedCertificate() throws Exception {
        ProvisionedIdentity identity = await(provisioning.provisionWithCsr("fleet",
                Map.of("SerialNumber", "103", "Model", "x2"), CsrGenerator.KeyType.EC_P256));

        assertThat(identity.thingName()).isEqualTo("device-103");
        assertThat(emulator.provisioning().provisionedThings()).containsEntry("device-103", identity.certificateId());
        X509Certificate certificate = parse(identity.certificatePem());
        certificate.verify(emulator.certificateAuthority().certificate().getPublicKey());
        byte[] challenge = "proof of possession".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(privateKey(identity.privateKeyPem()));
        signer.update(challenge);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(challenge);
        assertThat(verifier.verify(signer.sign())).as("the stored key belongs to the certificate").isTrue();
    }

    @Test
    void anUnknownTemplateIsRejectedWith404ResourceNotFound() {
        CreatedCertificate created = await(provisioning.createKeysAndCertificate());

        ProvisioningException error = failure(provisioning.registerThing("no-such-template",
                created.certificateOwnershipToken(), Map.of("SerialNumber", "1")), ProvisioningException.class);

        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.errorCode()).isEqualTo("ResourceNotFound");
        assertThat(error.errorMessage()).contains("no-such-template");
        assertThat(error).hasMessageContaining("template 'no-such-template'");
    }

    @Test
    void aMissingTemplateParameterIsRejectedWith400InvalidParameters() {
        ProvisioningException error = failure(provisioning.provisionWithNewKeys("fleet", Map.of("SerialNumber", "1")),
                ProvisioningException.class);

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.errorCode()).isEqualTo("InvalidParameters");
        assertThat(error.errorMessage()).contains("Model");
        assertThat(emulator.provisioning().provisionedThings()).doesNotContainKey("device-1");
    }

    @Test
    void aForgedOwnershipTokenAnUnreadableCsrAndAnInternalFailureAreRejected() {
        ProvisioningException forged = failure(provisioning.registerThing("fleet", "forged",
                Map.of("SerialNumber", "2", "Model", "x1")), ProvisioningException.class);
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.errorCode()).isEqualTo("InvalidCertificateOwnershipToken");

        ProvisioningException csr = failure(provisioning.createCertificateFromCsr("not a csr"),
                ProvisioningException.class);
        assertThat(csr.statusCode()).isEqualTo(400);
        assertThat(csr.errorCode()).isEqualTo("InvalidCSR");

        emulator.failNextRequest();
        ProvisioningException internal = failure(provisioning.createKeysAndCertificate(), ProvisioningException.class);
        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(internal.errorCode()).isEqualTo("InternalFailure");
        assertThat(await(provisioning.createKeysAndCertificate()).certificateId()).hasSize(64);
    }

    static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    }

    /** AWS IoT's certificate id: the SHA-256 of the certificate's DER, in hex. */
    static String sha256Hex(X509Certificate certificate) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    static PrivateKey privateKey(String pkcs8Pem) throws Exception {
        String base64 = pkcs8Pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
