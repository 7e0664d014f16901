package dev.mqtt5.aws.iot.provisioning;

import java.util.Objects;

/**
 * A certificate AWS IoT created for the device (CreateKeysAndCertificate or
 * CreateCertificateFromCsr), pending activation until {@code RegisterThing} uses its ownership
 * token, which expires after an hour. {@link #toString()} shows neither the private key nor the token.
 *
 * @param certificateId the certificate's id
 * @param certificatePem the certificate, PEM
 * @param privateKeyPem the private key, PEM: the one AWS created (CreateKeysAndCertificate) or the
 *     device's own (CreateCertificateFromCsr, filled in by {@code FleetProvisioningClient}); null if unknown
 * @param certificateOwnershipToken the token that proves ownership to {@code RegisterThing}
 */
public record CreatedCertificate(String certificateId, String certificatePem, String privateKeyPem,
        String certificateOwnershipToken) {

    /**
     * Checks the fields.
     *
     * @param certificateId the certificate's id
     * @param certificatePem the certificate, PEM
     * @param privateKeyPem the private key, PEM, or null
     * @param certificateOwnershipToken the ownership token
     */
    public CreatedCertificate {
        Objects.requireNonNull(certificateOwnershipToken, "certificateOwnershipToken must not be null");
    }

    @Override
    public String toString() {
        return "CreatedCertificate[certificateId=" + certificateId + ", privateKey="
                + (privateKeyPem == null ? "none" : "(redacted)") + ", certificateOwnershipToken=(redacted)]";
    }
}
