package dev.mqtt5.client.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads X.509 certificates and private keys from PEM. The JDK reads certificates and unencrypted
 * PKCS#8 keys ({@code PRIVATE KEY}, RSA, EC, EdDSA); the other key formats, PKCS#1 RSA
 * ({@code RSA PRIVATE KEY}), SEC1 EC ({@code EC PRIVATE KEY}), password-encrypted PKCS#8
 * ({@code ENCRYPTED PRIVATE KEY}) and legacy OpenSSL-encrypted keys, need Bouncy Castle
 * ({@link BouncyCastlePem}), which is optional: without it they fail naming the dependency.
 * Messages name the setting and the source, never key material or passwords.
 */
final class PemMaterial {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** The algorithms a PKCS#8 key may be for, tried in turn: the JDK's key factories need the name. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS", "XDH", "DSA");
    private static final String BOUNCY_CASTLE = "org.bouncycastle.openssl.PEMParser";

    private PemMaterial() {
    }

    /** Reads a file as text; the message names the setting when it cannot be read. */
    static String read(Path path, String setting) {
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + " '" + path + "' cannot be read: " + e, e);
        }
    }

    /** Parses every certificate in {@code pem}, leaf first as written. */
    static List<X509Certificate> certificates(String pem, String setting, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Matcher block = BLOCK.matcher(pem);
            while (block.find()) {
                if (block.group(1).equals("CERTIFICATE") || block.group(1).equals("X509 CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(decode(block.group(2)))));
                }
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " " + source + " is not valid PEM: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(setting + " " + source
                    + " holds no certificate; expected a PEM block '-----BEGIN CERTIFICATE-----'");
        }
        return certificates;
    }

    /**
     * Parses the first private key in {@code pem}: with the JDK when it is unencrypted PKCS#8,
     * else with Bouncy Castle.
     *
     * @param password the password of an encrypted key, or {@code null}
     */
    static PrivateKey privateKey(String pem, char[] password, String setting, String source) {
        Matcher block = BLOCK.matcher(pem);
        while (block.find()) {
            String type = block.group(1);
            if (type.equals("CERTIFICATE") || type.equals("EC PARAMETERS")) {
                continue; // a certificate next to the key, or the curve of an SEC1 key
            }
            if (type.equals("PRIVATE KEY") && !block.group(2).contains("Proc-Type:")) {
                return pkcs8(block.group(2), setting, source);
            }
            if (!type.endsWith("PRIVATE KEY")) {
                throw new IllegalArgumentException(setting + " " + source + " holds a '" + type
                        + "' PEM block, not a private key; expected PKCS#1, PKCS#8, SEC1 EC or encrypted PKCS#8 PEM");
            }
            if (!bouncyCastlePresent()) {
                throw new IllegalArgumentException(setting + " " + source + " is a " + describe(type, block.group(2))
                        + ", which needs Bouncy Castle (org.bouncycastle:bcpkix-jdk18on) on the class path; add it, "
                        + "or store the key as unencrypted PKCS#8 ('-----BEGIN PRIVATE KEY-----', converted with "
                        + "'openssl pkcs8 -topk8 -nocrypt'), which the JDK reads", null);
            }
            return BouncyCastlePem.privateKey(pem, password, setting, source);
        }
        throw new IllegalArgumentException(setting + " " + source
                + " holds no private key; expected a PEM block such as '-----BEGIN PRIVATE KEY-----'");
    }

    private static PrivateKey pkcs8(String base64, String setting, String source) {
        PKCS8EncodedKeySpec spec;
        try {
            spec = new PKCS8EncodedKeySpec(decode(base64));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " " + source + " is not valid PEM: " + e.getMessage(), null);
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not a key of this algorithm: try the next one
            }
        }
        throw new IllegalArgumentException(setting + " " + source + " is not a usable private key: a PKCS#8 key of "
                + "none of the algorithms " + KEY_ALGORITHMS, null);
    }

    private static String describe(String type, String body) {
        if (body.contains("Proc-Type:")) {
            return "legacy OpenSSL-encrypted key ('Proc-Type: 4,ENCRYPTED')";
        }
        return switch (type) {
            case "RSA PRIVATE KEY" -> "PKCS#1 RSA key ('-----BEGIN RSA PRIVATE KEY-----')";
            case "EC PRIVATE KEY" -> "SEC1 EC key ('-----BEGIN EC PRIVATE KEY-----')";
            case "ENCRYPTED PRIVATE KEY" -> "password-encrypted PKCS#8 key ('-----BEGIN ENCRYPTED PRIVATE KEY-----')";
            default -> "'" + type + "' key";
        };
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64.trim());
    }

    private static boolean bouncyCastlePresent() {
        try {
            Class.forName(BOUNCY_CASTLE, false, PemMaterial.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
