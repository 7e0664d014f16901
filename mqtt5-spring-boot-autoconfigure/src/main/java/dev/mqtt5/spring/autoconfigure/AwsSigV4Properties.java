package dev.mqtt5.spring.autoconfigure;

/**
 * WebSocket with AWS Signature Version 4 ({@code aws.iot.mqtt5.sigv4}). Credentials come from an
 * {@code AwsCredentialsProvider} bean, else from the AWS SDK default chain.
 */
public class AwsSigV4Properties {

    /**
     * AWS region of the endpoint used to sign the handshake, such as 'eu-west-1'.
     */
    private String region;

    public String getRegion() {
        return this.region;
    }

    public void setRegion(String region) {
        this.region = region;
    }
}
