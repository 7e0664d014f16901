package dev.mqtt5.aws.iot.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Makes a key pair and a certificate signing request on the device, with Bouncy Castle
 * ({@code org.bouncycastle:bcpkix-jdk18on}, an optional dependency of this module: add it to use
 * this class). Keys are EC P-256 (signed SHA256withECDSA) or RSA 2048 (SHA256withRSA), both of
 * which AWS IoT accepts. Thread-safe; stateless.
 */
public final class CsrGenerator {

    /** The key types AWS IoT accepts for device certificates. */
    public enum KeyType {
        /** EC on the P-256 curve. */
        EC_P256,
        /** RSA with a 2048-bit modulus. */
        RSA_2048
    }

    private CsrGenerator() {
    }

    /**
     * Generates a key pair and a CSR for it.
     *
     * @param subject the CSR's subject, such as {@code CN=my-device} (AWS IoT ignores it and sets its own)
     * @param keyType the kind of key
     * @return the key pair and the CSR
     * @throws IllegalStateException when the JDK lacks the algorithm
     */
    public static DeviceCsr generate(String subject, KeyType keyType) {
        Objects.requireNonNull(subject, "subject must not be null");
        Objects.requireNonNull(keyType, "keyType must not be null");
        try {
            KeyPair keyPair;
            String signature;
            if (keyType == KeyType.EC_P256) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                keyPair = generator.generateKeyPair();
                signature = "SHA256withECDSA";
            } else {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keyPair = generator.generateKeyPair();
                signature = "SHA256withRSA";
            }
            ContentSigner signer = new JcaContentSignerBuilder(signature).build(keyPair.getPrivate());
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                    new X500Principal(subject), keyPair.getPublic()).build(signer);
            return new DeviceCsr(keyPair, DeviceCsr.pem("CERTIFICATE REQUEST", request.getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate a " + keyType + " key pair and CSR: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
