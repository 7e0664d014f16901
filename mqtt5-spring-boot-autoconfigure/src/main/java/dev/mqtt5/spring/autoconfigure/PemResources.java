package dev.mqtt5.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.security.PrivateKey;
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
