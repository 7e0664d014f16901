package dev.mqtt5.spring.autoconfigure;

import org.springframework.core.io.Resource;

/**
 * Mutual TLS with a PKCS#12 key store ({@code aws.iot.mqtt5.pkcs12}).
 */
public class AwsPkcs12Properties {

    /**
     * Location of the PKCS#12 file holding the private key and certificate. Requires
     * pkcs12.password.
     */
    private Resource path;

    /**
     * Password of the PKCS#12 file.
     */
    private String password;

    public Resource getPath() {
        return this.path;
    }

    public void setPath(Resource path) {
        this.path = path;
    }

    public String getPassword() {
        return this.password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
