package dev.mqtt5.spring.autoconfigure;

import org.springframework.core.io.Resource;

/**
 * Mutual TLS with a key entry of a Java key store ({@code aws.iot.mqtt5.java-keystore}), as the
 * AWS IoT Device SDK's {@code newMtlsJavaKeystoreBuilder}. An SSL bundle with a JKS key store
 * ({@code mtls.bundle}) does the same and follows reloads.
 */
public class AwsJavaKeystoreProperties {

    /**
     * Location of the key store file. Requires java-keystore.password and java-keystore.alias.
     */
    private Resource path;

    /**
     * Type of the key store: 'JKS' (which also reads PKCS#12 files) or any type the JVM's
     * providers know.
     */
    private String type = "JKS";

    /**
     * Password of the key store.
     */
    private String password;

    /**
     * Alias of the private key entry that holds the device key and certificate chain.
     */
    private String alias;

    /**
     * Password of the private key entry. Defaults to java-keystore.password.
     */
    private String keyPassword;

    public Resource getPath() {
        return this.path;
    }

    public void setPath(Resource path) {
        this.path = path;
    }

    public String getType() {
        return this.type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getPassword() {
        return this.password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getAlias() {
        return this.alias;
    }

    public void setAlias(String alias) {
        this.alias = alias;
    }

    public String getKeyPassword() {
        return this.keyPassword;
    }

    public void setKeyPassword(String keyPassword) {
        this.keyPassword = keyPassword;
    }
}
