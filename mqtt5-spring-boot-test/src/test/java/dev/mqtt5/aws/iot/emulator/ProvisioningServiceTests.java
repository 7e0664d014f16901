package dev.mqtt5.aws.iot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;

import dev.mqtt5.client.testing.MosquittoExtension;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The Fleet Provisioning MQTT API from a device's point of view, on mosquitto. */
class ProvisioningServiceTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static final String CREATE = "$aws/certificates/create/json";

    static final String CREATE_FROM_CSR = "$aws/certificates/create-from-csr/json";

    static final String PROVISION = "$aws/provisioning-templates/fleet/provision/json";

    static AwsIotEmulator emulator;

    TestDevice device;

    @BeforeAll
    static void startEmulator() {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .build().start();
        emulator.provisioning().registerTemplate(ProvisioningTemplate.of("fleet", "device-${SerialNumber}")
                .withRequiredParameters("Model").withDeviceConfiguration(Map.of("region", "eu-west-1")));
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void connectDevice() {
        device = TestDevice.connect(MOSQUITTO.broker().host(), MOSQUITTO.broker().tcpPort());
        device.subscribe(CREATE + "/+", CREATE_FROM_CSR + "/+", "$aws/provisioning-templates/+/provision/json/+");
    }

    @AfterEach
    void closeDevice() {
        device.close();
    }

    @Test
    void createKeysAndCertificateReturnsAKeyAndACertificateSignedByTheEmulatorsCa() throws Exception {
        JsonNode created = device.request(CREATE, "{}", CREATE + "/accepted");

        X509Certificate certificate = parse(created.get("certificatePem").asString());
        certificate.verify(emulator.certificateAuthority().certificate().getPublicKey());
        assertThat(created.get("certificateId").asString()).hasSize(64)
                .isEqualTo(CertificateAuthority.certificateId(certificate));
        assertThat(created.get("privateKey").asString()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(created.get("certificateOwnershipToken").asString()).isNotBlank();
    }

    @Test
    void createCertificateFromCsrSignsTheDevicesOwnKey() throws Exception {
        KeyPair keyPair = CertificateAuthority.newKeyPair();
        String csr = CertificateAuthority.pem(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device-7"),
                keyPair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));

        JsonNode created = device.request(CREATE_FROM_CSR,
                TestDevice.JSON.writeValueAsString(Map.of("certificateSigningRequest", csr)), CREATE_FROM_CSR + "/accepted");

        X509Certificate certificate = parse(created.get("certificatePem").asString());
        assertThat(certificate.getPublicKey()).isEqualTo(keyPair.getPublic());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=device-7");
        certificate.verify(emulator.certificateAuthority().certificate().getPublicKey());
        assertThat(created.has("privateKey")).isFalse();
    }

    @Test
    void registerThingNamesTheThingFromTheTemplateAndReturnsItsDeviceConfiguration() {
        String token = device.request(CREATE, "{}", CREATE + "/accepted").get("certificateOwnershipToken").asString();

        JsonNode registered = device.request(PROVISION, "{\"certificateOwnershipToken\":\"" + token
                + "\",\"parameters\":{\"SerialNumber\":\"42\",\"Model\":\"x1\"}}", PROVISION + "/accepted");

        assertThat(registered.get("thingName").asString()).isEqualTo("device-42");
        assertThat(registered.at("/deviceConfiguration/region").asString()).isEqualTo("eu-west-1");
        assertThat(emulator.provisioning().provisionedThings()).containsKey("device-42");
    }

    @Test
    void requestsTheServiceCannotServeAreRejectedWithStatusAndErrorCodes() {
        String token = device.request(CREATE, "{}", CREATE + "/accepted").get("certificateOwnershipToken").asString();

        assertError(device.request(PROVISION, "{\"certificateOwnershipToken\":\"" + token
                + "\",\"parameters\":{\"SerialNumber\":\"1\"}}", PROVISION + "/rejected"), 400, "InvalidParameters");
        assertError(device.request(PROVISION, "{\"certificateOwnershipToken\":\"" + token
                + "\",\"parameters\":{\"Model\":\"x1\"}}", PROVISION + "/rejected"), 400, "InvalidParameters");
        assertError(device.request(PROVISION, "{\"certificateOwnershipToken\":\"forged\",\"parameters\":{}}",
                PROVISION + "/rejected"), 400, "InvalidCertificateOwnershipToken");
        String unknown = "$aws/provisioning-templates/nope/provision/json";
        assertError(device.request(unknown, "{\"certificateOwnershipToken\":\"" + token + "\"}", unknown + "/rejected"),
                404, "ResourceNotFound");
        assertError(device.request(CREATE_FROM_CSR, "{\"certificateSigningRequest\":\"not a csr\"}",
                CREATE_FROM_CSR + "/rejected"), 400, "InvalidCSR");
        assertError(device.request(CREATE_FROM_CSR, "{}", CREATE_FROM_CSR + "/rejected"), 400, "InvalidPayload");
        assertError(device.request(CREATE, "{oops", CREATE + "/rejected"), 400, "InvalidPayload");
        emulator.failNextRequest();
        assertError(device.request(CREATE, "{}", CREATE + "/rejected"), 500, "InternalFailure");
    }

    static void assertError(JsonNode error, int statusCode, String errorCode) {
        assertThat(error.get("statusCode").asInt()).isEqualTo(statusCode);
        assertThat(error.get("errorCode").asString()).isEqualTo(errorCode);
        assertThat(error.get("errorMessage").asString()).isNotBlank();
    }

    static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    }
}
