package dev.mqtt5.spring.autoconfigure;

import org.springframework.core.io.Resource;

/**
 * Mutual TLS with an X.509 certificate and private key in PEM, or from an SSL bundle
 * ({@code aws.iot.mqtt5.mtls}). Needs neither the AWS SDK nor, except for legacy
 * OpenSSL-encrypted keys, Bouncy Castle.
 *
 * <p>Why {@code mtls.bundle} rather than {@code tls.bundle} for the device identity: the
 * authentication method is chosen by which property group is set, and the AWS method brings the
 * AWS defaults (port 8883, ALPN {@code x-amzn-mqtt-ca} on 443, keep-alive 1200 s, IoT Core flow
 * control, a generated client id). {@code tls.bundle} alone is a plain broker with a client
 * certificate; {@code mtls.bundle} says "AWS IoT mutual TLS, identity from this bundle", as
 * {@code mtls.certificate} does for PEM files.
 */
public class AwsMtlsProperties {

    /**
     * Name of the SSL bundle (spring.ssl.bundle.*) whose key store holds the device certificate
     * and its private key, instead of mtls.certificate and mtls.private-key. A trust store in the
     * bundle replaces the JVM's trust store (and tls.ca). When the bundle is reloaded
     * (reload-on-update), new connection attempts present the new certificate; see
     * tls.reconnect-on-bundle-update.
     */
    private String bundle;

    /**
     * Location of the PEM device certificate, such as 'file:/etc/iot/device.pem.crt'. Requires
     * mtls.private-key.
     */
    private Resource certificate;

    /**
     * Location of the PEM private key of mtls.certificate: PKCS#8, PKCS#1 (RSA) or SEC 1 (EC),
     * unencrypted or encrypted PKCS#8 with mtls.password.
     */
    private Resource privateKey;

    /**
     * Password of mtls.private-key when it is encrypted (PKCS#8 'ENCRYPTED PRIVATE KEY'; legacy
     * OpenSSL-encrypted keys need Bouncy Castle, org.bouncycastle:bcpkix-jdk18on).
     */
    private String password;

    public String getBundle() {
        return this.bundle;
    }

    public void setBundle(String bundle) {
        this.bundle = bundle;
    }

    public Resource getCertificate() {
        return this.certificate;
    }

    public void setCertificate(Resource certificate) {
        this.certificate = certificate;
    }

    public Resource getPrivateKey() {
        return this.privateKey;
    }

    public void setPrivateKey(Resource privateKey) {
        this.privateKey = privateKey;
    }

    public String getPassword() {
        return this.password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
