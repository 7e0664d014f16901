package dev.mqtt5.client.aws;

import dev.mqtt5.client.testing.TestCertificates;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Client certificates signed by the test CA, for RSA or EC keys, and their keys as PEM in each format IoT users meet. */
final class ClientIdentities {

    private ClientIdentities() {
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static KeyPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A client certificate for {@code publicKey}, valid from an hour ago for a day. */
    static X509Certificate clientCertificate(PublicKey publicKey) throws Exception {
        Instant now = Instant.now();
        return clientCertificate(publicKey, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }

    /** A client certificate for {@code publicKey} signed by {@link TestCertificates#ca()}, valid in the window. */
    static X509Certificate clientCertificate(PublicKey publicKey, Instant notBefore, Instant notAfter) throws Exception {
        TestCertificates.Issued ca = TestCertificates.get().ca();
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        var builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
                Date.from(notBefore), Date.from(notAfter), new X500Name("CN=aws-test-device"), publicKey);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** PEM of any object BouncyCastle writes: a certificate, or a key in the traditional PKCS#1 / SEC1 form. */
    static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    /** An EC key as SEC1 PEM ({@code EC PRIVATE KEY}) with its curve named inside, as OpenSSL writes it. */
    static String sec1(java.security.interfaces.ECPrivateKey key) throws Exception {
        var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(key.getEncoded());
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(key.getParams().getOrder().bitLength(), key.getS(),
                info.getPrivateKeyAlgorithm().getParameters());
        return pem(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    }

    /** The key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}). */
    static String pkcs8(PrivateKey key) throws Exception {
        return pem(new JcaPKCS8Generator(key, null));
    }

    /** The key as password-encrypted PKCS#8 PEM ({@code ENCRYPTED PRIVATE KEY}, AES-256-CBC). */
    static String encryptedPkcs8(PrivateKey key, char[] password) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword(password).build();
        return pem(new JcaPKCS8Generator(key, encryptor));
    }

    /** A PKCS#12 file's bytes holding the key and certificate. */
    static byte[] pkcs12(PrivateKey key, X509Certificate certificate, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("device", key, password, new X509Certificate[] {certificate});
        var out = new java.io.ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }
}
