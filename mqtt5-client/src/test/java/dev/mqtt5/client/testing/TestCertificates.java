package dev.mqtt5.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates generated at test time with BouncyCastle (EC P-256, valid from one hour ago
 * for one day): a CA, a server certificate for {@code localhost} and {@code 127.0.0.1}, a server
 * certificate for {@code wrong.example}, and a client certificate, all signed by the CA.
 *
 * <p>Get the JVM-wide instance with {@link #get()}; write PEM files for a broker with
 * {@link #writePem(Path)}. Nothing is ever committed, so nothing expires.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.get();
 * TlsOptions tls = TlsOptions.builder().trustedCertificates(certs.ca().certificate()).build();
 * }</pre>
 */
public final class TestCertificates {

    /** The host name in {@link #wrongHostServer()}. */
    public static final String WRONG_HOST = "wrong.example";

    private static volatile TestCertificates instance;

    private final Issued ca;
    private final Issued server;
    private final Issued wrongHostServer;
    private final Issued client;

    /**
     * A certificate and its private key.
     *
     * @param certificate the certificate
     * @param privateKey its private key
     */
    public record Issued(X509Certificate certificate, PrivateKey privateKey) {
    }

    /**
     * Paths of the PEM files written by {@link #writePem(Path)}; keys are unencrypted PKCS#8.
     *
     * @param caCertificate the CA certificate
     * @param serverCertificate the server certificate for localhost and 127.0.0.1
     * @param serverKey its key
     * @param wrongHostCertificate the server certificate for {@code wrong.example}
     * @param wrongHostKey its key
     * @param clientCertificate the client certificate
     * @param clientKey its key
     */
    public record PemFiles(Path caCertificate, Path serverCertificate, Path serverKey, Path wrongHostCertificate,
            Path wrongHostKey, Path clientCertificate, Path clientKey) {
    }

    private TestCertificates() throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair caKeys = newKeyPair();
        X500Name caName = new X500Name("CN=mqtt5 test CA");
        this.ca = new Issued(sign(caName, caKeys, caName, caKeys.getPrivate(), Role.CA), caKeys.getPrivate());
        this.server = issue(caName, caKeys.getPrivate(), "localhost", Role.SERVER);
        this.wrongHostServer = issue(caName, caKeys.getPrivate(), WRONG_HOST, Role.SERVER);
        this.client = issue(caName, caKeys.getPrivate(), "mqtt5-test-client", Role.CLIENT);
    }

    /**
     * Returns the JVM-wide certificates, generating them on first use.
     *
     * @return the certificates
     */
    public static TestCertificates get() {
        TestCertificates result = instance;
        if (result == null) {
            synchronized (TestCertificates.class) {
                result = instance;
                if (result == null) {
                    try {
                        result = new TestCertificates();
                    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
                        throw new IllegalStateException("generating test certificates failed", e);
                    }
                    instance = result;
                }
            }
        }
        return result;
    }

    /**
     * Returns the self-signed CA that signed every other certificate here.
     *
     * @return the CA certificate and key
     */
    public Issued ca() {
        return ca;
    }

    /**
     * Returns the server certificate for DNS name {@code localhost} and IP address {@code 127.0.0.1}.
     *
     * @return the server certificate and key
     */
    public Issued server() {
        return server;
    }

    /**
     * Returns a server certificate for {@value #WRONG_HOST} only, to test host name verification.
     *
     * @return the server certificate and key
     */
    public Issued wrongHostServer() {
        return wrongHostServer;
    }

    /**
     * Returns the client certificate (CN {@code mqtt5-test-client}) for mutual TLS.
     *
     * @return the client certificate and key
     */
    public Issued client() {
        return client;
    }

    /**
     * Issues another client certificate signed by {@link #ca()}, with a new EC P-256 key, such as
     * the next certificate of a rotation.
     *
     * @param commonName the subject's CN
     * @return the client certificate and key
     */
    public Issued issueClient(String commonName) {
        return issueClient(commonName, "EC");
    }

    /**
     * Issues another client certificate signed by {@link #ca()}, with a new key of the algorithm:
     * {@code EC} (P-256) or {@code RSA} (2048 bits).
     *
     * @param commonName the subject's CN
     * @param keyAlgorithm {@code EC} or {@code RSA}
     * @return the client certificate and key
     */
    public Issued issueClient(String commonName, String keyAlgorithm) {
        try {
            X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
            KeyPair keys;
            if (keyAlgorithm.equals("RSA")) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
            } else {
                keys = newKeyPair();
            }
            return new Issued(sign(new X500Name("CN=" + commonName), keys, issuer, ca.privateKey(), Role.CLIENT),
                    keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("issuing a client certificate failed", e);
        }
    }

    /**
     * Writes a certificate and a key as PEM files (the key as unencrypted PKCS#8), replacing files
     * that exist: what a certificate rotation does on disk.
     *
     * @param issued the certificate and its key
     * @param certificate the certificate file
     * @param key the key file
     */
    public static void writePem(Issued issued, Path certificate, Path key) {
        try {
            write(certificate, "CERTIFICATE", issued.certificate().getEncoded());
            write(key, "PRIVATE KEY", issued.privateKey().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes every certificate and key as PEM into {@code directory} (created if missing).
     *
     * @param directory the target directory
     * @return the paths written
     */
    public PemFiles writePem(Path directory) {
        try {
            Files.createDirectories(directory);
            return new PemFiles(
                    write(directory.resolve("ca.crt"), "CERTIFICATE", ca.certificate().getEncoded()),
                    write(directory.resolve("server.crt"), "CERTIFICATE", server.certificate().getEncoded()),
                    write(directory.resolve("server.key"), "PRIVATE KEY", server.privateKey().getEncoded()),
                    write(directory.resolve("wrong-host.crt"), "CERTIFICATE", wrongHostServer.certificate().getEncoded()),
                    write(directory.resolve("wrong-host.key"), "PRIVATE KEY", wrongHostServer.privateKey().getEncoded()),
                    write(directory.resolve("client.crt"), "CERTIFICATE", client.certificate().getEncoded()),
                    write(directory.resolve("client.key"), "PRIVATE KEY", client.privateKey().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private enum Role { CA, SERVER, CLIENT }

    private static Issued issue(X500Name issuer, PrivateKey issuerKey, String commonName, Role role)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair keys = newKeyPair();
        return new Issued(sign(new X500Name("CN=" + commonName), keys, issuer, issuerKey, role), keys.getPrivate());
    }

    private static X509Certificate sign(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey, Role role)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                subject, keys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(keys.getPublic()));
        switch (role) {
            case CA -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            case SERVER -> {
                String host = subject.getRDNs()[0].getFirst().getValue().toString();
                GeneralNames names = "localhost".equals(host)
                        ? new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
                                new GeneralName(GeneralName.iPAddress, "127.0.0.1")})
                        : new GeneralNames(new GeneralName(GeneralName.dNSName, host));
                builder.addExtension(Extension.subjectAlternativeName, false, names);
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            }
            case CLIENT -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
        }
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static Path write(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
        return file;
    }
}
