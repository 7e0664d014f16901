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
        return privateKey(resource, property, null, null);
    }

    /**
     * Reads a PEM private key with Spring Boot's reader (no Bouncy Castle): unencrypted PKCS#8,
     * PKCS#1 (RSA) or SEC 1 (EC), or, with a password, encrypted PKCS#8.
     *
     * @param password the password of an encrypted key, or {@code null}
     * @param passwordProperty the property that holds it, {@code null} where none can
     */
    static PrivateKey privateKey(Resource resource, String property, String password, String passwordProperty) {
        PemContent content = load(resource, property);
        PrivateKey key;
        try {
            key = content.getPrivateKey(password);
        } catch (RuntimeException ex) {
            // The cause may quote key material: keep only the type.
            boolean encrypted = content.toString().contains("ENCRYPTED PRIVATE KEY");
            if (encrypted && passwordProperty != null) {
                throw new InvalidMqtt5PropertyException(property, "is an encrypted PKCS#8 key that "
                        + ((password != null) ? passwordProperty + " does not decrypt" : "needs " + passwordProperty)
                        + ": " + resource.getDescription() + " (" + ex.getClass().getSimpleName() + ")",
                        "Set " + passwordProperty + " to the key's password.");
            }
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
