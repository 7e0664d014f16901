package dev.mqtt5.spring.autoconfigure;

/** How the client authenticates, as selected by the {@code aws.iot.mqtt5.*} properties. */
public enum AuthenticationMethod {

    /** A plain broker: optional user name and password, optional TLS client certificate. */
    BROKER("aws.iot.mqtt5"),

    /** Mutual TLS with a PEM certificate and key. */
    MTLS("aws.iot.mqtt5.mtls"),

    /** Mutual TLS with a PKCS#12 key store. */
    PKCS12("aws.iot.mqtt5.pkcs12"),

    /** Mutual TLS with a key in a PKCS#11 token. */
    PKCS11("aws.iot.mqtt5.pkcs11"),

    /** Mutual TLS with a key entry of a Java key store. */
    JAVA_KEYSTORE("aws.iot.mqtt5.java-keystore"),

    /** WebSocket with a SigV4-signed handshake. */
    SIGV4("aws.iot.mqtt5.sigv4"),

    /** WebSocket with SigV4 and Cognito credentials. */
    COGNITO("aws.iot.mqtt5.cognito"),

    /** An AWS IoT custom authorizer. */
    CUSTOM_AUTHORIZER("aws.iot.mqtt5.custom-authorizer");

    private final String prefix;

    AuthenticationMethod(String prefix) {
        this.prefix = prefix;
    }

    /** The property prefix that selects this method. */
    public String prefix() {
        return this.prefix;
    }

    /** Whether the method needs the AWS IoT builder. */
    public boolean isAws() {
        return this != BROKER;
    }

    /** Whether the method supplies the TLS client identity itself. */
    boolean suppliesClientCertificate() {
        return this == MTLS || this == PKCS12 || this == PKCS11 || this == JAVA_KEYSTORE;
    }
}
