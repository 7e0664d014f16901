package dev.mqtt5.aws.iot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.testing.MosquittoExtension;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.iot.iotidentity.IotIdentityV2Client;
import software.amazon.awssdk.iot.iotidentity.model.CreateCertificateFromCsrRequest;
import software.amazon.awssdk.iot.iotidentity.model.CreateCertificateFromCsrResponse;
import software.amazon.awssdk.iot.iotidentity.model.CreateKeysAndCertificateRequest;
import software.amazon.awssdk.iot.iotidentity.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.iot.iotidentity.model.RegisterThingRequest;
import software.amazon.awssdk.iot.iotidentity.model.RegisterThingResponse;
import software.amazon.awssdk.iot.iotidentity.model.V2ErrorResponseException;

/** The AWS IoT Device SDK's own {@link IotIdentityV2Client} provisions a device through the emulator on mosquitto. */
class SdkProvisioningFidelityTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static AwsIotEmulator emulator;

    static SdkConnection sdk;

    static IotIdentityV2Client identity;

    @BeforeAll
    static void start() throws Exception {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .build().start();
        emulator.provisioning().registerTemplate(ProvisioningTemplate.of("fleet", "sdk-device-${SerialNumber}")
                .withDeviceConfiguration(Map.of("mode", "production")));
        sdk = SdkConnection.connect(MOSQUITTO.broker().host(), MOSQUITTO.broker().tcpPort());
        identity = IotIdentityV2Client.newFromMqtt5(sdk.client, SdkConnection.REQUEST_RESPONSE);
    }

    @AfterAll
    static void stop() {
        identity.close();
        sdk.close();
        emulator.close();
    }

    @Test
    void createKeysAndCertificateThenRegisterThingSucceedThroughTheSdk() throws Exception {
        CreateKeysAndCertificateResponse created = identity
                .createKeysAndCertificate(new CreateKeysAndCertificateRequest()).get(10, TimeUnit.SECONDS);
        assertThat(created.certificateId).hasSize(64);
        assertThat(created.certificatePem).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(created.privateKey).contains("PRIVATE KEY");

        RegisterThingRequest register = new RegisterThingRequest();
        register.templateName = "fleet";
        register.certificateOwnershipToken = created.certificateOwnershipToken;
        register.parameters = new HashMap<>(Map.of("SerialNumber", "9"));
        RegisterThingResponse registered = identity.registerThing(register).get(10, TimeUnit.SECONDS);

        assertThat(registered.thingName).isEqualTo("sdk-device-9");
        assertThat(registered.deviceConfiguration).containsEntry("mode", "production");
    }

    @Test
    void createCertificateFromCsrSucceedsThroughTheSdk() throws Exception {
        KeyPair keyPair = CertificateAuthority.newKeyPair();
        CreateCertificateFromCsrRequest request = new CreateCertificateFromCsrRequest();
        request.certificateSigningRequest = CertificateAuthority.pem(new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=sdk-csr"), keyPair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));

        CreateCertificateFromCsrResponse created = identity.createCertificateFromCsr(request).get(10, TimeUnit.SECONDS);

        assertThat(ProvisioningServiceTests.parse(created.certificatePem).getPublicKey()).isEqualTo(keyPair.getPublic());
        assertThat(created.certificateOwnershipToken).isNotBlank();
    }

    @Test
    void aRejectedRegistrationArrivesAsTheSdksTypedError() {
        RegisterThingRequest register = new RegisterThingRequest();
        register.templateName = "fleet";
        register.certificateOwnershipToken = "forged";
        register.parameters = new HashMap<>(Map.of("SerialNumber", "9"));

        assertThatThrownBy(() -> identity.registerThing(register).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(V2ErrorResponseException.class, (error) -> {
                    assertThat(error.getModeledError().statusCode).isEqualTo(400);
                    assertThat(error.getModeledError().errorCode).isEqualTo("InvalidCertificateOwnershipToken");
                });
    }
}
