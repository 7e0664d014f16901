package dev.mqtt5.aws.iot.emulator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The emulator's local certificate authority, made when first needed (not at start): it signs the device
 * certificates of Fleet Provisioning in place of the Amazon Root CA. Configure a broker's mTLS
 * listener to trust {@link #certificatePem()} and provisioned devices can connect with their new
 * certificates. RSA 2048 keys and SHA-256 signatures; certificates are valid for a year.
 */
public final class CertificateAuthority {

    private static final Duration VALIDITY = Duration.ofDays(365);

    private final KeyPair keyPair;

    private final X509Certificate certificate;

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority(KeyPair keyPair, X509Certificate certificate, Clock clock) {
        this.keyPair = keyPair;
        this.certificate = certificate;
        this.clock = clock;
    }

    /**
     * Makes a new CA (an RSA 2048 key and a self-signed certificate valid for a year), to give to
     * {@link AwsIotEmulator.Builder#certificateAuthority(CertificateAuthority)} when a broker must
     * trust it before the emulator connects.
     *
     * @param commonName the CA certificate's common name
     * @return the CA
     */
    public static CertificateAuthority generate(String commonName) {
        return generate(commonName, Clock.systemUTC());
    }

    static CertificateAuthority generate(String commonName, Clock clock) {
        KeyPair keyPair = newKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        CertificateAuthority unsigned = new CertificateAuthority(keyPair, null, clock);
        X509Certificate certificate = unsigned.sign(name, keyPair.getPublic(), name, true);
        return new CertificateAuthority(keyPair, certificate, clock);
    }

    /**
     * The CA certificate.
     *
     * @return the self-signed CA certificate
     */
    public X509Certificate certificate() {
        return this.certificate;
    }

    /**
     * The CA certificate in PEM, for a broker's {@code cafile} or a trust store.
     *
     * @return the PEM text
     */
    public String certificatePem() {
        return pem(this.certificate);
    }

    /** Signs a device certificate for {@code publicKey}. */
    X509Certificate issue(PublicKey publicKey, X500Name subject) {
        return sign(new X500Name(this.certificate.getSubjectX500Principal().getName()), publicKey, subject, false);
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("this JVM cannot make RSA keys", ex);
        }
    }

    /** The AWS IoT certificate id form: the SHA-256 of the DER encoding, in lower-case hex. */
    static String certificateId(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("cannot hash a certificate", ex);
        }
    }

    static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return text.toString();
    }

    private X509Certificate sign(X500Name issuer, PublicKey publicKey, X500Name subject, boolean ca) {
        Instant now = this.clock.instant();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(128, this.random), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)), subject, publicKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
            return new JcaX509CertificateConverter().getCertificate(builder
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(this.keyPair.getPrivate())));
        } catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
            throw new IllegalStateException("the emulator's CA could not sign a certificate for " + subject, ex);
        }
    }
}
