package dev.mqtt5.spring.autoconfigure;

import org.springframework.core.io.Resource;

/**
 * Mutual TLS with an X.509 certificate and private key in PEM ({@code aws.iot.mqtt5.mtls}).
 */
public class AwsMtlsProperties {

    /**
     * Location of the PEM device certificate, such as 'file:/etc/iot/device.pem.crt'. Requires
     * mtls.private-key.
     */
    private Resource certificate;

    /**
     * Location of the PEM private key of mtls.certificate.
     */
    private Resource privateKey;

    /**
     * Password of mtls.private-key when it is encrypted.
     */
    private String password;

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
