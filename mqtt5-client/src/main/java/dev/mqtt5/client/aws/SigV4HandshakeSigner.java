package dev.mqtt5.client.aws;

import dev.mqtt5.client.config.WebSocketHandshakeRequest;
import dev.mqtt5.client.config.WebSocketHandshakeTransformer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Presigns the WebSocket upgrade request for AWS IoT Core with Signature Version 4: service
 * {@code iotdevicegateway}, signature in the query string, only the {@code host} header signed,
 * and, for temporary credentials, {@code X-Amz-Security-Token} appended after signing, as AWS IoT
 * requires. Signing uses the AWS SDK v2 signer.
 *
 * <p>The client calls {@link #transform} on every connection attempt, on its callback executor;
 * each call asks the credentials provider again, so rotated credentials are picked up and nothing
 * is cached here. Thread-safe. {@link #toString()} names the region, never credentials.
 */
public final class SigV4HandshakeSigner implements WebSocketHandshakeTransformer {

    /** The SigV4 service name of the AWS IoT device gateway. */
    public static final String SERVICE = "iotdevicegateway";

    /** How long a presigned handshake stays valid; only the upgrade itself must happen within it. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(5);

    private final String region;
    private final AwsCredentialsProvider credentialsProvider;
    private final Clock clock;
    private final Duration expiry;

    private SigV4HandshakeSigner(String region, AwsCredentialsProvider credentialsProvider, Clock clock, Duration expiry) {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("aws.iot.mqtt5 sigv4 region must not be blank, e.g. 'us-east-1'");
        }
        this.region = region;
        this.credentialsProvider = Objects.requireNonNull(credentialsProvider, "credentialsProvider must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.expiry = Objects.requireNonNull(expiry, "expiry must not be null");
    }

    /**
     * Returns a signer for {@code region} with the SDK's default credentials chain (environment,
     * profile, web identity, container, instance metadata).
     *
     * @param region the signing region, such as {@code us-east-1}
     * @return the signer
     */
    public static SigV4HandshakeSigner create(String region) {
        return create(region, DefaultCredentialsProvider.builder().build());
    }

    /**
     * Returns a signer for {@code region} with these credentials.
     *
     * @param region the signing region, such as {@code us-east-1}
     * @param credentialsProvider asked for credentials on every connection attempt
     * @return the signer
     */
    public static SigV4HandshakeSigner create(String region, AwsCredentialsProvider credentialsProvider) {
        return new SigV4HandshakeSigner(region, credentialsProvider, Clock.systemUTC(), DEFAULT_EXPIRY);
    }

    /**
     * Returns a copy that signs with the time of {@code clock} (for tests).
     *
     * @param clock the signing clock
     * @return the modified copy
     */
    public SigV4HandshakeSigner withClock(Clock clock) {
        return new SigV4HandshakeSigner(region, credentialsProvider, clock, expiry);
    }

    /**
     * Returns the signing region.
     *
     * @return the region
     */
    public String region() {
        return region;
    }

    @Override
    public CompletionStage<WebSocketHandshakeRequest> transform(WebSocketHandshakeRequest request) {
        try {
            return CompletableFuture.completedFuture(sign(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Signs {@code request} now with fresh credentials.
     *
     * @param request the upgrade request; its path must not carry a query string yet
     * @return a copy whose path carries the presigned query string
     * @throws IllegalStateException when the credentials provider fails
     */
    public WebSocketHandshakeRequest sign(WebSocketHandshakeRequest request) {
        AwsCredentials credentials;
        try {
            credentials = credentialsProvider.resolveCredentials();
        } catch (RuntimeException e) {
            throw new IllegalStateException("aws.iot.mqtt5 sigv4 credentials could not be resolved by "
                    + credentialsProvider.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        // Signed without the session token: AWS IoT expects it appended after the signature.
        AwsCredentialsIdentity signingIdentity = AwsCredentialsIdentity.create(credentials.accessKeyId(),
                credentials.secretAccessKey());
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create((request.secure() ? "https" : "http") + "://" + hostForUri(request.host()) + ":"
                        + request.port() + request.path()))
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .request(unsigned)
                .identity(signingIdentity)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiry)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock))
                .request();
        String path = signed.encodedPath() + "?" + signed.encodedQueryParameters().orElse("");
        if (credentials instanceof AwsSessionCredentials session) {
            path += "&X-Amz-Security-Token=" + URLEncoder.encode(session.sessionToken(), StandardCharsets.UTF_8)
                    .replace("+", "%20");
        }
        return request.withPath(path);
    }

    private static String hostForUri(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return "SigV4HandshakeSigner{service=" + SERVICE + ", region=" + region + ", credentialsProvider="
                + credentialsProvider.getClass().getSimpleName() + '}';
    }
}
