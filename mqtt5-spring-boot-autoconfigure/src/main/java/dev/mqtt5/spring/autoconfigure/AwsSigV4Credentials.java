package dev.mqtt5.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqtt5.client.aws.AwsIotEndpoints;
import dev.mqtt5.client.aws.AwsIotMqtt5ClientBuilder;
import dev.mqtt5.client.aws.CognitoCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.StringUtils;

/**
 * Starts the SigV4 WebSocket builders ({@code aws.iot.mqtt5.sigv4} and {@code cognito}) with
 * their credentials: the context's {@link AwsCredentialsProvider} bean (else the AWS SDK default
 * chain), or a {@link CognitoCredentialsProvider}, closed with the context. A bean only when the
 * AWS SDK is on the classpath; no AWS SDK type appears in its signatures, so the auto-configuration
 * can ask for it without the SDK.
 */
final class AwsSigV4Credentials implements DisposableBean {

    private final ObjectProvider<AwsCredentialsProvider> credentialsProviders;

    /**
     * The Cognito providers made, kept as {@link AutoCloseable}: closing the context must not link
     * {@link CognitoCredentialsProvider}, whose Cognito SDK classes may be absent (only
     * {@code software.amazon.awssdk:auth} on the class path, for SigV4).
     */
    private final List<AutoCloseable> cognitoProviders = new CopyOnWriteArrayList<>();

    AwsSigV4Credentials(ObjectProvider<AwsCredentialsProvider> credentialsProviders) {
        this.credentialsProviders = credentialsProviders;
    }

    /** WebSocket with SigV4, signed with the context's credentials provider or the SDK default chain. */
    AwsIotMqtt5ClientBuilder sigv4(String endpoint, AwsSigV4Properties sigv4) {
        String region = StringUtils.hasText(sigv4.getRegion()) ? sigv4.getRegion() : null;
        return AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning(endpoint, region,
                this.credentialsProviders.getIfAvailable());
    }

    /** WebSocket with SigV4, signed with credentials of the Cognito identity. */
    AwsIotMqtt5ClientBuilder cognito(String endpoint, AwsCognitoProperties cognito) {
        String region = StringUtils.hasText(cognito.getRegion()) ? cognito.getRegion()
                : AwsIotEndpoints.requireRegion(endpoint, "aws.iot.mqtt5 cognito region");
        CognitoCredentialsProvider.Builder builder = CognitoCredentialsProvider.builder(region)
            .identityId(cognito.getIdentityId());
        cognito.getLogins().forEach(builder::login);
        CognitoCredentialsProvider provider = builder.build();
        this.cognitoProviders.add(provider);
        return AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning(endpoint, region, provider);
    }

    @Override
    public void destroy() throws Exception {
        for (AutoCloseable provider : this.cognitoProviders) {
            provider.close();
        }
    }
}
