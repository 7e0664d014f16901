package dev.mqtt5.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WebSocket with SigV4 and credentials from an Amazon Cognito identity
 * ({@code aws.iot.mqtt5.cognito}).
 */
public class AwsCognitoProperties {

    /**
     * Cognito identity id whose credentials sign the handshake.
     */
    private String identityId;

    /**
     * AWS region of the Cognito identity pool and of the endpoint. Defaults to the region named by
     * the endpoint.
     */
    private String region;

    /**
     * Logins of the identity: provider name to token, for authenticated identities.
     */
    private Map<String, String> logins = new LinkedHashMap<>();

    public String getIdentityId() {
        return this.identityId;
    }

    public void setIdentityId(String identityId) {
        this.identityId = identityId;
    }

    public String getRegion() {
        return this.region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public Map<String, String> getLogins() {
        return this.logins;
    }

    public void setLogins(Map<String, String> logins) {
        this.logins = logins;
    }
}
