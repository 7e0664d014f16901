package dev.mqtt5.spring.autoconfigure;

/**
 * AWS IoT custom authorizer ({@code aws.iot.mqtt5.custom-authorizer}).
 */
public class AwsCustomAuthorizerProperties {

    /**
     * Name of the authorizer; empty uses the account's default authorizer.
     */
    private String name;

    /**
     * User name passed to the authorizer.
     */
    private String username;

    /**
     * Password passed to the authorizer.
     */
    private String password;

    /**
     * Signature of the token value, for authorizers with signing enabled. Requires token-key-
     * name and token-value.
     */
    private String signature;

    /**
     * Name of the query parameter that carries the token.
     */
    private String tokenKeyName;

    /**
     * Token passed to the authorizer.
     */
    private String tokenValue;

    /**
     * Whether to connect directly (TLS with ALPN 'mqtt' on port 443) or over WebSocket.
     */
    private AwsCustomAuthorizerTransport transport = AwsCustomAuthorizerTransport.DIRECT;

    public String getName() {
        return this.name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUsername() {
        return this.username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return this.password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getSignature() {
        return this.signature;
    }

    public void setSignature(String signature) {
        this.signature = signature;
    }

    public String getTokenKeyName() {
        return this.tokenKeyName;
    }

    public void setTokenKeyName(String tokenKeyName) {
        this.tokenKeyName = tokenKeyName;
    }

    public String getTokenValue() {
        return this.tokenValue;
    }

    public void setTokenValue(String tokenValue) {
        this.tokenValue = tokenValue;
    }

    public AwsCustomAuthorizerTransport getTransport() {
        return this.transport;
    }

    public void setTransport(AwsCustomAuthorizerTransport transport) {
        this.transport = transport;
    }
}
