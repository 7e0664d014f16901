package dev.mqtt5.spring.autoconfigure;

/**
 * WebSocket with AWS Signature Version 4 ({@code aws.iot.mqtt5.sigv4}). Credentials come from an
 * {@code AwsCredentialsProvider} bean, else from the AWS SDK default chain.
 */
public class AwsSigV4Properties {

    /**
     * Whether to connect over WebSocket with SigV4 when sigv4.region is not set (the region is then
     * read from the endpoint, such as eu-west-1 from 'abc123-ats.iot.eu-west-1.amazonaws.com').
     */
    private boolean enabled;

    /**
     * AWS region of the endpoint used to sign the handshake, such as 'eu-west-1'. Defaults to the
     * region named by the endpoint. Setting it selects SigV4.
     */
    private String region;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getRegion() {
        return this.region;
    }

    public void setRegion(String region) {
        this.region = region;
    }
}
