package dev.mqtt5.aws.iot.provisioning;

import java.security.KeyPair;
import java.util.Base64;
import java.util.Objects;

/**
 * A key pair made on the device and a certificate signing request for it: the CSR goes to AWS
 * IoT, the private key never leaves the device. {@link #toString()} does not show the key.
 *
 * @param keyPair the device's new key pair
 * @param csrPem the PKCS#10 request, PEM
 */
public record DeviceCsr(KeyPair keyPair, String csrPem) {

    /**
     * Checks the fields.
     *
     * @param keyPair the key pair
     * @param csrPem the request, PEM
     */
    public DeviceCsr {
        Objects.requireNonNull(keyPair, "keyPair must not be null");
        Objects.requireNonNull(csrPem, "csrPem must not be null");
    }

    /**
     * The private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), to store on the device.
     *
     * @return the PEM text
     */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    @Override
    public String toString() {
        return "DeviceCsr[" + keyPair.getPublic().getAlgorithm() + ", privateKey=(redacted)]";
    }
}
