package dev.mqtt5.client.aws;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.EncryptionException;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads the private keys the JDK cannot read from PEM, with Bouncy Castle: PKCS#1 RSA
 * ({@code RSA PRIVATE KEY}), SEC1 EC ({@code EC PRIVATE KEY}), password-encrypted PKCS#8
 * ({@code ENCRYPTED PRIVATE KEY}) and legacy OpenSSL-encrypted keys ({@code Proc-Type: 4,ENCRYPTED}).
 * Only {@link PemMaterial} calls it, after checking that Bouncy Castle is on the class path.
 * Messages name the setting and the source, never key material or passwords.
 */
final class BouncyCastlePem {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private BouncyCastlePem() {
    }

    /**
     * Parses the first private key in {@code pem}.
     *
     * @param password the password of an encrypted key, or {@code null}
     */
    static PrivateKey privateKey(String pem, char[] password, String setting, String source) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof ASN1ObjectIdentifier || object instanceof X509CertificateHolder) {
                    continue; // EC PARAMETERS or a certificate next to the key
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    requirePassword(password, setting, source);
                    return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password)));
                }
                if (object instanceof PEMEncryptedKeyPair encrypted) {
                    requirePassword(password, setting, source);
                    return converter.getPrivateKey(encrypted.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password)).getPrivateKeyInfo());
                }
                throw new IllegalArgumentException(setting + " " + source + " holds a " + object.getClass().getSimpleName()
                        + ", not a private key; expected PKCS#1, PKCS#8, SEC1 EC or encrypted PKCS#8 PEM");
            }
        } catch (PKCSException | OperatorCreationException | EncryptionException e) {
            throw new IllegalArgumentException(setting + " " + source
                    + " cannot be decrypted: the private key password is wrong or its cipher is unsupported", null);
        } catch (PEMException e) {
            throw new IllegalArgumentException(setting + " " + source + " is not a usable private key: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), null);
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + " " + source + " is not valid PEM: " + e.getMessage(), null);
        }
        throw new IllegalArgumentException(setting + " " + source
                + " holds no private key; expected a PEM block such as '-----BEGIN PRIVATE KEY-----'");
    }

    private static void requirePassword(char[] password, String setting, String source) {
        if (password == null) {
            throw new IllegalArgumentException(setting + " " + source
                    + " is an encrypted private key; give its password (privateKeyPassword)");
        }
    }

}
