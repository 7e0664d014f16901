package dev.mqtt5.client.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.RecordingListener;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** SigV4-presigned WebSocket through a gateway that verifies the signature independently, then forwards to mosquitto. */
@ExtendWith(MosquittoExtension.class)
class SigV4WebSocketTest {

    private static final String REGION = "eu-west-1";

    private final AwsClients clients = new AwsClients();
    private final AtomicReference<AwsCredentials> current = new AtomicReference<>();
    private SigV4Gateway gateway;

    @BeforeEach
    void startGateway(MosquittoBroker broker) throws Exception {
        gateway = new SigV4Gateway(REGION, broker.wsPort());
    }

    @AfterEach
    void close() throws Exception {
        clients.close();
        gateway.close();
    }

    private AwsIotMqtt5ClientBuilder builder() {
        // The gateway speaks plain ws on loopback; AWS's endpoint would be wss on 443.
        return AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning("localhost", REGION, current::get)
                .port(gateway.port()).options(o -> o.tls(null));
    }

    @Test
    void connectsWithSessionCredentialsAppendingTheTokenAfterSigning() throws Exception {
        gateway.allow("ASIATEST1", "secret-one", "session-token/with+special=chars");
        current.set(AwsSessionCredentials.create("ASIATEST1", "secret-one", "session-token/with+special=chars"));
        clients.connectAndRoundTrip(builder());
        assertThat(gateway.accepted).hasSize(1);
        assertThat(gateway.accepted.get(0).sessionToken()).isEqualTo("session-token/with+special=chars");
    }

    @Test
    void connectsWithLongTermCredentials() throws Exception {
        gateway.allow("AKIATEST2", "secret-two", null);
        current.set(AwsBasicCredentials.create("AKIATEST2", "secret-two"));
        clients.connectAndRoundTrip(builder());
        assertThat(gateway.accepted).extracting(SigV4Gateway.Accepted::sessionToken).containsExactly((String) null);
    }

    @Test
    void rotatedCredentialsAreUsedForANewValidSignatureOnTheNextConnect() throws Exception {
        gateway.allow("ASIAOLD", "old-secret", "old-token");
        gateway.allow("ASIANEW", "new-secret", "new-token");
        current.set(AwsSessionCredentials.create("ASIAOLD", "old-secret", "old-token"));
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = clients.start(builder(), listener);
        listener.await(ConnectionSuccessEvent.class, AwsClients.WAIT);
        client.stop().get(10, TimeUnit.SECONDS);

        current.set(AwsSessionCredentials.create("ASIANEW", "new-secret", "new-token"));
        client.start();
        listener.await(ConnectionSuccessEvent.class, AwsClients.WAIT);

        assertThat(gateway.refusals).isEmpty();
        assertThat(gateway.accepted).extracting(SigV4Gateway.Accepted::accessKeyId).containsExactly("ASIAOLD", "ASIANEW");
        assertThat(gateway.accepted.get(0).signature()).isNotEqualTo(gateway.accepted.get(1).signature());
    }

    @Test
    void wrongSecretIsRefusedWithoutLeakingTheSignature() {
        gateway.allow("AKIABAD", "the-real-secret", null);
        current.set(AwsBasicCredentials.create("AKIABAD", "a-wrong-secret"));
        String failure = clients.firstFailure(builder());
        assertThat(failure).contains("WebSocket upgrade").contains("HTTP 403").doesNotContain("X-Amz-Signature=")
                .doesNotContain("a-wrong-secret");
        assertThat(gateway.refusals).contains("signature mismatch");
    }

    @Test
    void staleSignatureIsRefused() {
        gateway.allow("AKIASTALE", "secret", null);
        current.set(AwsBasicCredentials.create("AKIASTALE", "secret"));
        Clock hourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        SigV4HandshakeSigner stale = SigV4HandshakeSigner.create(REGION, current::get).withClock(hourAgo);
        String failure = clients.firstFailure(builder().webSocket(ws -> ws.handshakeTransformer(stale)));
        assertThat(failure).contains("HTTP 403");
        assertThat(gateway.refusals).anyMatch(r -> r.startsWith("stale signature"));
    }

    @Test
    void failingCredentialsProviderFailsTheAttemptNamingSigV4() {
        String failure = clients.firstFailure(AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning("localhost",
                REGION, () -> {
                    throw new IllegalStateException("no credentials here");
                }).port(gateway.port()).options(o -> o.tls(null)));
        assertThat(failure).contains("sigv4 credentials could not be resolved").contains("no credentials here");
    }
}
