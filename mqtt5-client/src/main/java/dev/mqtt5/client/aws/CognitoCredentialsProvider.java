package dev.mqtt5.client.aws;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClientBuilder;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityException;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;

/**
 * AWS credentials from Amazon Cognito Identity ({@code GetCredentialsForIdentity}), for
 * {@link AwsIotMqtt5ClientBuilder#websocketsWithDefaultAwsSigning}. Give either an identity id,
 * or an identity <em>pool</em> id, in which case the identity id is first obtained with
 * {@code GetId} (and kept). Optional {@code logins} map provider names to tokens.
 *
 * <p>Credentials are cached and refreshed when less than {@link Builder#refreshBefore(Duration)}
 * (default 5 minutes) remains before they expire. Thread-safe; {@link #close()} closes the SDK
 * client. {@link #toString()} never prints credentials or login tokens.
 */
public final class CognitoCredentialsProvider implements AwsCredentialsProvider, AutoCloseable {

    private final CognitoIdentityClient client;
    private final String identityPoolId;
    private final Map<String, String> logins;
    private final Duration refreshBefore;
    private final Clock clock;
    private String identityId;
    private AwsSessionCredentials cached;
    private Instant expiration;

    private CognitoCredentialsProvider(Builder builder) {
        CognitoIdentityClientBuilder clientBuilder = CognitoIdentityClient.builder()
                .region(Region.of(builder.region))
                // GetId and GetCredentialsForIdentity are unauthenticated calls.
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (builder.endpoint != null) {
            clientBuilder.endpointOverride(builder.endpoint);
        }
        this.client = clientBuilder.build();
        this.identityId = builder.identityId;
        this.identityPoolId = builder.identityPoolId;
        this.logins = Map.copyOf(builder.logins);
        this.refreshBefore = builder.refreshBefore;
        this.clock = builder.clock;
    }

    /**
     * Returns a builder for the Cognito Identity service in {@code region}.
     *
     * @param region the region of the identity pool, such as {@code us-east-1}
     * @return a new builder
     */
    public static Builder builder(String region) {
        return new Builder(region);
    }

    /**
     * Returns cached credentials, or fetches new ones when they are missing or about to expire.
     *
     * @return temporary session credentials
     * @throws IllegalStateException naming the identity when Cognito refuses
     */
    @Override
    public synchronized AwsCredentials resolveCredentials() {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(expiration.minus(refreshBefore))) {
            return cached;
        }
        if (identityId == null) {
            identityId = obtainIdentityId();
        }
        GetCredentialsForIdentityResponse response;
        try {
            response = client.getCredentialsForIdentity(r -> r.identityId(identityId).logins(logins.isEmpty() ? null : logins));
        } catch (ResourceNotFoundException e) {
            throw new IllegalStateException("aws.iot.mqtt5 cognito identityId '" + identityId + "' does not exist"
                    + (identityPoolId == null ? "; if this is an identity pool id (the id of the pool, not of an "
                            + "identity in it), set it with identityPoolId(...) instead" : "")
                    + " (" + e.awsErrorDetails().errorMessage() + ")", null);
        } catch (CognitoIdentityException e) {
            throw new IllegalStateException("aws.iot.mqtt5 cognito GetCredentialsForIdentity for '" + identityId
                    + "' failed: " + errorOf(e), null);
        }
        Credentials credentials = response.credentials();
        cached = AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretKey(),
                credentials.sessionToken());
        expiration = credentials.expiration() != null ? credentials.expiration() : now.plus(Duration.ofHours(1));
        return cached;
    }

    private String obtainIdentityId() {
        try {
            return client.getId(r -> r.identityPoolId(identityPoolId).logins(logins.isEmpty() ? null : logins))
                    .identityId();
        } catch (ResourceNotFoundException e) {
            throw new IllegalStateException("aws.iot.mqtt5 cognito identityPoolId '" + identityPoolId
                    + "' does not exist in this region (" + e.awsErrorDetails().errorMessage() + ")", null);
        } catch (CognitoIdentityException e) {
            throw new IllegalStateException("aws.iot.mqtt5 cognito GetId for identityPoolId '" + identityPoolId
                    + "' failed: " + errorOf(e), null);
        }
    }

    private static String errorOf(CognitoIdentityException e) {
        return e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage()
                : e.getClass().getSimpleName();
    }

    /**
     * Returns the identity id in use: the configured one, or the one obtained from the pool.
     *
     * @return the identity id, or {@code null} before the first call with a pool id
     */
    public synchronized String identityId() {
        return identityId;
    }

    /** Closes the SDK client. */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public synchronized String toString() {
        return "CognitoCredentialsProvider{identityId=" + identityId + ", identityPoolId=" + identityPoolId
                + ", logins=" + logins.keySet() + ", expiration=" + expiration + '}';
    }

    /** Builds a {@link CognitoCredentialsProvider}; not thread-safe. */
    public static final class Builder {

        private final String region;
        private String identityId;
        private String identityPoolId;
        private final Map<String, String> logins = new LinkedHashMap<>();
        private URI endpoint;
        private Duration refreshBefore = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();

        private Builder(String region) {
            if (region == null || region.isBlank()) {
                throw new IllegalArgumentException("aws.iot.mqtt5 cognito region must not be blank, e.g. 'us-east-1'");
            }
            this.region = region;
        }

        /**
         * Uses this identity id (not a pool id), such as {@code us-east-1:1a2b...}.
         *
         * @param identityId the Cognito identity id
         * @return this builder
         */
        public Builder identityId(String identityId) {
            this.identityId = requireText(identityId, "identityId");
            return this;
        }

        /**
         * Obtains the identity id from this identity pool with {@code GetId} first.
         *
         * @param identityPoolId the Cognito identity pool id
         * @return this builder
         */
        public Builder identityPoolId(String identityPoolId) {
            this.identityPoolId = requireText(identityPoolId, "identityPoolId");
            return this;
        }

        /**
         * Adds a login: identity provider name (such as {@code accounts.google.com}) and its token.
         *
         * @param providerName the identity provider name
         * @param token the provider's token
         * @return this builder
         */
        public Builder login(String providerName, String token) {
            logins.put(requireText(providerName, "login providerName"), requireText(token, "login token"));
            return this;
        }

        /**
         * Calls Cognito at this endpoint instead of the region's (for VPC endpoints and tests).
         *
         * @param endpoint the endpoint URI
         * @return this builder
         */
        public Builder endpointOverride(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "aws.iot.mqtt5 cognito endpoint must not be null");
            return this;
        }

        /**
         * Sets how long before expiry credentials are refreshed; 5 minutes by default.
         *
         * @param margin a duration, zero or more
         * @return this builder
         */
        public Builder refreshBefore(Duration margin) {
            Objects.requireNonNull(margin, "aws.iot.mqtt5 cognito refreshBefore must not be null");
            if (margin.isNegative()) {
                throw new IllegalArgumentException("aws.iot.mqtt5 cognito refreshBefore must not be negative");
            }
            this.refreshBefore = margin;
            return this;
        }

        /**
         * Sets the clock that decides expiry (for tests).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Builds the provider; no call is made until credentials are first needed.
         *
         * @return the provider
         * @throws IllegalStateException unless exactly one of identityId and identityPoolId is set
         */
        public CognitoCredentialsProvider build() {
            if ((identityId == null) == (identityPoolId == null)) {
                throw new IllegalStateException("aws.iot.mqtt5 cognito needs exactly one of identityId and identityPoolId");
            }
            return new CognitoCredentialsProvider(this);
        }

        private static String requireText(String value, String field) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("aws.iot.mqtt5 cognito " + field + " must not be blank");
            }
            return value;
        }
    }
}
