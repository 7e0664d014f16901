package dev.mqtt5.spring.testing;

import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A private key as PEM in each form device certificates come with (written with Bouncy Castle):
 * PKCS#8, the traditional PKCS#1 (RSA) and SEC 1 (EC) forms, password-encrypted PKCS#8, and the
 * legacy OpenSSL encryption ({@code Proc-Type: 4,ENCRYPTED}).
 */
public final class PemKeys {

    private PemKeys() {
    }

    /** {@code -----BEGIN CERTIFICATE-----}. */
    public static String certificate(X509Certificate certificate) throws Exception {
        return write(certificate);
    }

    /** {@code -----BEGIN PRIVATE KEY-----}, which the JDK reads. */
    public static String pkcs8(PrivateKey key) throws Exception {
        return write(new JcaPKCS8Generator(key, null));
    }

    /** {@code -----BEGIN RSA PRIVATE KEY-----} (PKCS#1) or {@code -----BEGIN EC PRIVATE KEY-----} (SEC 1, curve named). */
    public static String traditional(PrivateKey key) throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        if (key instanceof ECPrivateKey ec) {
            var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(ec.getParams().getOrder().bitLength(), ec.getS(),
                    info.getPrivateKeyAlgorithm().getParameters());
            return write(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        }
        return write(new PemObject("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded()));
    }

    /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}: PKCS#8 encrypted with AES-256-CBC (PBES2). */
    public static String encryptedPkcs8(PrivateKey key, String password) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
            .setProvider(new BouncyCastleProvider()).setPassword(password.toCharArray()).build();
        return write(new JcaPKCS8Generator(key, encryptor));
    }

    /** The traditional form encrypted the legacy OpenSSL way ({@code Proc-Type: 4,ENCRYPTED}, AES-128-CBC). */
    public static String legacyEncrypted(PrivateKey key, String password) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider())
                .build(password.toCharArray()));
        }
        return out.toString();
    }

    private static String write(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
