package dev.mqtt5.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.Resource;

/** Reads certificates and keys from PEM resources, failing with the property's name. */
final class PemResources {

    private PemResources() {
    }

    static List<X509Certificate> certificates(Resource resource, String property) {
        PemContent content = load(resource, property);
        List<X509Certificate> certificates;
        try {
            certificates = content.getCertificates();
        } catch (RuntimeException ex) {
            throw new InvalidMqtt5PropertyException(property, "is not a valid PEM certificate: " + resource.getDescription(),
                    "Point it at a PEM file that starts with -----BEGIN CERTIFICATE-----.", ex);
        }
        if (certificates == null || certificates.isEmpty()) {
            throw new InvalidMqtt5PropertyException(property, "holds no PEM certificate: " + resource.getDescription(),
                    "Point it at a PEM file that starts with -----BEGIN CERTIFICATE-----.");
        }
        return certificates;
    }

    /**
     * Checks that the private key belongs to the certificate, by signing a random challenge with the
     * key and verifying it with the certificate's public key: a mismatched pair otherwise starts and
     * only fails in the TLS handshake ({@code decrypt_error}). Keys of an algorithm this cannot sign
     * with are left to the handshake.
     */
    static void checkPair(X509Certificate certificate, PrivateKey key, String certificateProperty,
            String keyProperty) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        boolean matches;
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException ex) {
            // A key of another algorithm than the certificate's, or one the JDK cannot use this way.
            matches = false;
        }
        if (!matches) {
            throw new InvalidMqtt5PropertyException(keyProperty, "is not the private key of the certificate in "
                    + certificateProperty + " (" + certificate.getSubjectX500Principal().getName() + ")",
                    "Point " + certificateProperty + " and " + keyProperty + " at the certificate and the key that "
                            + "were issued together (for AWS IoT Core, the certificate's -certificate.pem.crt and "
                            + "-private.pem.key files).");
        }
    }

    static PrivateKey privateKey(Resource resource, String property) {
        PemContent content = load(resource, property);
        PrivateKey key;
        try {
            key = content.getPrivateKey();
        } catch (RuntimeException ex) {
            // The cause may quote key material: keep only the type.
            throw new InvalidMqtt5PropertyException(property, "is not a readable PEM private key: "
                    + resource.getDescription() + " (" + ex.getClass().getSimpleName() + ")",
                    "Use an unencrypted PKCS#8, PKCS#1 (RSA) or SEC 1 (EC) PEM key, for example converted with "
                            + "'openssl pkcs8 -topk8 -nocrypt'.");
        }
        if (key == null) {
            throw new InvalidMqtt5PropertyException(property, "holds no PEM private key: " + resource.getDescription(),
                    "Point it at a PEM file that starts with -----BEGIN PRIVATE KEY-----.");
        }
        return key;
    }

    private static PemContent load(Resource resource, String property) {
        try (InputStream in = resource.getInputStream()) {
            return PemContent.load(in);
        } catch (IOException ex) {
            throw new InvalidMqtt5PropertyException(property, "cannot read " + resource.getDescription(),
                    "Point it at an existing, readable PEM file.", ex);
        }
    }
}
