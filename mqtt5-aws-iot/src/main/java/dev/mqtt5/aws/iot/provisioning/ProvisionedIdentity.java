package dev.mqtt5.aws.iot.provisioning;

import java.util.Map;

/**
 * The device's new identity after fleet provisioning: connect with this certificate and key from
 * now on, instead of the claim certificate. {@link #toString()} does not show the private key.
 *
 * @param certificateId the certificate's id
 * @param certificatePem the certificate, PEM
 * @param privateKeyPem the private key, PEM (PKCS#8 when generated on the device)
 * @param thingName the thing it is attached to
 * @param deviceConfiguration the template's device configuration, empty when none
 */
public record ProvisionedIdentity(String certificateId, String certificatePem, String privateKeyPem,
        String thingName, Map<String, String> deviceConfiguration) {

    /**
     * Copies the configuration.
     *
     * @param certificateId the certificate's id
     * @param certificatePem the certificate, PEM
     * @param privateKeyPem the private key, PEM
     * @param thingName the thing's name
     * @param deviceConfiguration the device configuration
     */
    public ProvisionedIdentity {
        deviceConfiguration = deviceConfiguration == null ? Map.of() : Map.copyOf(deviceConfiguration);
    }

    @Override
    public String toString() {
        return "ProvisionedIdentity[certificateId=" + certificateId + ", thingName=" + thingName
                + ", deviceConfiguration=" + deviceConfiguration + ", privateKey=(redacted)]";
    }
}
