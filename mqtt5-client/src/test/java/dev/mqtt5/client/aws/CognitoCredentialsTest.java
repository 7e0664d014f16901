package dev.mqtt5.client.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** The Cognito credentials provider against a loopback Cognito Identity endpoint, alone and with SigV4 to mosquitto. */
@ExtendWith(MosquittoExtension.class)
class CognitoCredentialsTest {

    private final FakeCognitoIdentity cognito = new FakeCognitoIdentity();
    private final AwsClients clients = new AwsClients();
    private final AtomicReference<Instant> time = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));

    CognitoCredentialsTest() throws Exception {
        cognito.now = time::get;
    }

    @AfterEach
    void close() {
        clients.close();
        cognito.close();
    }

    private CognitoCredentialsProvider.Builder provider() {
        return CognitoCredentialsProvider.builder("eu-west-1").endpointOverride(cognito.endpoint()).clock(new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return time.get();
            }
        });
    }

    @Test
    void cachesCredentialsUntilShortlyBeforeTheyExpireThenRefreshes() {
        try (CognitoCredentialsProvider credentials = provider().identityId(FakeCognitoIdentity.IDENTITY_ID).build()) {
            AwsSessionCredentials first = (AwsSessionCredentials) credentials.resolveCredentials();
            assertThat(first.accessKeyId()).isEqualTo(FakeCognitoIdentity.accessKeyId(1));
            assertThat(first.sessionToken()).isEqualTo(FakeCognitoIdentity.sessionToken(1));

            time.set(time.get().plus(Duration.ofMinutes(54)));
            assertThat(credentials.resolveCredentials()).isSameAs(first);
            assertThat(cognito.issued).hasValue(1);

            time.set(time.get().plus(Duration.ofMinutes(2))); // 4 minutes left: inside the 5-minute margin
            assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo(FakeCognitoIdentity.accessKeyId(2));
            assertThat(cognito.calls).containsOnly("AWSCognitoIdentityService.GetCredentialsForIdentity");
        }
    }

    @Test
    void identityPoolIdIsTurnedIntoAnIdentityIdWithGetIdFirstAndLoginsAreSent() {
        try (CognitoCredentialsProvider credentials = provider().identityPoolId(FakeCognitoIdentity.POOL_ID)
                .login("accounts.example.com", "id-token-1").build()) {
            assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo(FakeCognitoIdentity.accessKeyId(1));
            assertThat(credentials.identityId()).isEqualTo(FakeCognitoIdentity.IDENTITY_ID);
            assertThat(cognito.calls).containsExactly("AWSCognitoIdentityService.GetId",
                    "AWSCognitoIdentityService.GetCredentialsForIdentity");
            assertThat(cognito.bodies).allMatch(b -> b.contains("\"accounts.example.com\":\"id-token-1\""));
            assertThat(credentials.toString()).doesNotContain("id-token-1");
        }
    }

    @Test
    void unknownIdentitySaysAPoolIdMayHaveBeenGiven() {
        try (CognitoCredentialsProvider credentials = provider().identityId(FakeCognitoIdentity.POOL_ID).build()) {
            assertThatThrownBy(credentials::resolveCredentials)
                    .hasMessageContaining("cognito identityId '" + FakeCognitoIdentity.POOL_ID + "' does not exist")
                    .hasMessageContaining("identity pool id").hasMessageContaining("identityPoolId(...)");
        }
    }

    @Test
    void unknownPoolIsNamed() {
        try (CognitoCredentialsProvider credentials = provider().identityPoolId("eu-west-1:nope").build()) {
            assertThatThrownBy(credentials::resolveCredentials).hasMessageContaining("identityPoolId 'eu-west-1:nope'");
        }
    }

    @Test
    void needsExactlyOneOfIdentityIdAndPoolId() {
        assertThatThrownBy(() -> provider().build()).hasMessageContaining("exactly one of identityId and identityPoolId");
    }

    @Test
    void connectsOverSigV4WebSocketWithCognitoCredentials(MosquittoBroker broker) throws Exception {
        time.set(Instant.now());
        try (SigV4Gateway gateway = new SigV4Gateway("eu-west-1", broker.wsPort());
                CognitoCredentialsProvider credentials = provider().identityId(FakeCognitoIdentity.IDENTITY_ID).build()) {
            gateway.allow(FakeCognitoIdentity.accessKeyId(1), FakeCognitoIdentity.secretKey(1),
                    FakeCognitoIdentity.sessionToken(1));
            clients.connectAndRoundTrip(AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning("localhost", "eu-west-1",
                    credentials).port(gateway.port()).options(o -> o.tls(null)));
            assertThat(gateway.accepted).extracting(SigV4Gateway.Accepted::accessKeyId)
                    .containsExactly(FakeCognitoIdentity.accessKeyId(1));
        }
    }
}
