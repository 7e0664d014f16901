package dev.mqtt5.client.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.RecordingListener;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.packet.ConnectReasonCode;
import dev.mqtt5.client.testing.FakeBroker;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.TestCertificates;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CONNECT username and password of custom-authorizer connections, seen by a fake broker and checked by mosquitto. */
class CustomAuthorizerTest {

    private static final byte[] PASSWORD = "lambda-password".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "ab+c/d=";
    private static final String SIGNED_USERNAME = "device-1?x-amz-customauthorizer-name=MyAuthorizer"
            + "&tokenKey=token-123&x-amz-customauthorizer-signature=ab%2Bc%2Fd%3D";

    private final AwsClients clients = new AwsClients();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void unsignedUsernameCarriesTheAuthorizerName() {
        assertThat(CustomAuthorizerUsername.build("device-1", "MyAuthorizer", null, null, null))
                .isEqualTo("device-1?x-amz-customauthorizer-name=MyAuthorizer");
        assertThat(CustomAuthorizerUsername.build(null, "MyAuthorizer", null, null, null))
                .isEqualTo("?x-amz-customauthorizer-name=MyAuthorizer");
        assertThat(CustomAuthorizerUsername.build("device-1", null, null, null, null)).isEqualTo("device-1");
    }

    @Test
    void signedUsernameCarriesTokenAndEncodedSignature() {
        assertThat(CustomAuthorizerUsername.build("device-1", "MyAuthorizer", SIGNATURE, "tokenKey", "token-123"))
                .isEqualTo(SIGNED_USERNAME);
    }

    @Test
    void alreadyEncodedSignatureIsNotEncodedTwice() {
        assertThat(CustomAuthorizerUsername.build("u", "A", "ab%2Bc", "k", "v"))
                .isEqualTo("u?x-amz-customauthorizer-name=A&k=v&x-amz-customauthorizer-signature=ab%2Bc");
    }

    @Test
    void usernameWithItsOwnQueryIsJoinedWithAmpersand() {
        assertThat(CustomAuthorizerUsername.build("device-1?site=7", "A", null, null, null))
                .isEqualTo("device-1?site=7&x-amz-customauthorizer-name=A");
        assertThat(CustomAuthorizerUsername.build("device-1?", "A", null, null, null))
                .isEqualTo("device-1?x-amz-customauthorizer-name=A");
    }

    @Test
    void signingFieldsMustComeAllOrNone() {
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.directWithCustomAuthorizer("e", "A", "u", PASSWORD,
                SIGNATURE, null, "v"))
                .hasMessageContaining("signature, tokenKeyName and tokenValue")
                .hasMessageContaining("set: signature tokenValue")
                .hasMessageNotContaining(SIGNATURE);
    }

    @Test
    void directDefaultsArePort443WithAlpnMqtt() {
        Mqtt5ClientOptions options = AwsIotMqtt5ClientBuilder.directWithCustomAuthorizer("example.iot.amazonaws.com",
                "A", "u", PASSWORD).buildOptions();
        assertThat(options.port()).isEqualTo(443);
        assertThat(options.tls().alpnProtocols()).isEqualTo(List.of("mqtt"));
        assertThat(options.webSocket()).isNull();
        Mqtt5ClientOptions ws = AwsIotMqtt5ClientBuilder.websocketsWithCustomAuthorizer("example.iot.amazonaws.com",
                "A", "u", PASSWORD).buildOptions();
        assertThat(ws.port()).isEqualTo(443);
        assertThat(ws.webSocket()).isNotNull();
        assertThat(ws.webSocket().handshakeTransformer()).isEmpty();
        assertThat(ws.toString()).doesNotContain("lambda-password");
    }

    @Test
    void fakeBrokerSeesExactlySignedUsernameAndPassword() throws Exception {
        try (FakeBroker broker = new FakeBroker()) {
            clients.start(AwsIotMqtt5ClientBuilder.directWithCustomAuthorizer(broker.host(), "MyAuthorizer", "device-1",
                    PASSWORD, SIGNATURE, "tokenKey", "token-123").port(broker.port()).options(o -> o.tls(null)),
                    new RecordingListener());
            MqttConnectMessage connect = broker.awaitConnect(Duration.ofSeconds(10));
            assertThat(connect.payload().userName()).isEqualTo(SIGNED_USERNAME);
            assertThat(connect.payload().passwordInBytes()).isEqualTo(PASSWORD);
        }
    }

    @Test
    void fakeBrokerSeesUnsignedUsernameAndPassword() throws Exception {
        try (FakeBroker broker = new FakeBroker()) {
            clients.start(AwsIotMqtt5ClientBuilder.directWithCustomAuthorizer(broker.host(), "MyAuthorizer", "device-1",
                    PASSWORD).port(broker.port()).options(o -> o.tls(null)), new RecordingListener());
            MqttConnectMessage connect = broker.awaitConnect(Duration.ofSeconds(10));
            assertThat(connect.payload().userName()).isEqualTo("device-1?x-amz-customauthorizer-name=MyAuthorizer");
            assertThat(connect.payload().passwordInBytes()).isEqualTo(PASSWORD);
        }
    }

    /** Mosquitto accepts only the exact username and password: the password file stands in for the authorizer's lambda. */
    private MosquittoBroker brokerAccepting(String username, byte[] password) throws Exception {
        Path passwords = dir.resolve("passwords");
        Process p = new ProcessBuilder("mosquitto_passwd", "-b", "-c", passwords.toString(), username,
                new String(password, StandardCharsets.UTF_8)).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return MosquittoBroker.builder().configLine("password_file " + passwords).start();
    }

    @Test
    void signedAuthorizerConnectsDirectOverTlsWithAlpn() throws Exception {
        try (MosquittoBroker broker = brokerAccepting(SIGNED_USERNAME, PASSWORD)) {
            clients.connectAndRoundTrip(AwsIotMqtt5ClientBuilder.directWithCustomAuthorizer("localhost", "MyAuthorizer",
                    "device-1", PASSWORD, SIGNATURE, "tokenKey", "token-123").port(broker.tlsPort())
                    .trustedCertificates(TestCertificates.get().ca().certificate()));
        }
    }

    @Test
    void signedAuthorizerConnectsOverWebSocket() throws Exception {
        try (MosquittoBroker broker = brokerAccepting(SIGNED_USERNAME, PASSWORD)) {
            clients.connectAndRoundTrip(AwsIotMqtt5ClientBuilder.websocketsWithCustomAuthorizer("localhost",
                    "MyAuthorizer", "device-1", PASSWORD, SIGNATURE, "tokenKey", "token-123").port(broker.wssPort())
                    .trustedCertificates(TestCertificates.get().ca().certificate()));
        }
    }

    @Test
    void unsignedAuthorizerConnectsOverWebSocketAndAWrongTokenIsRefused() throws Exception {
        String username = "device-2?x-amz-customauthorizer-name=Open";
        try (MosquittoBroker broker = brokerAccepting(username, PASSWORD)) {
            clients.connectAndRoundTrip(AwsIotMqtt5ClientBuilder.websocketsWithCustomAuthorizer("localhost", "Open",
                    "device-2", PASSWORD).port(broker.wsPort()).options(o -> o.tls(null)));
            RecordingListener listener = new RecordingListener();
            clients.start(AwsIotMqtt5ClientBuilder.websocketsWithCustomAuthorizer("localhost", "Open", "device-2",
                    "wrong".getBytes(StandardCharsets.UTF_8)).port(broker.wsPort()).options(o -> o.tls(null)), listener);
            ConnectionFailureEvent failure = listener.await(ConnectionFailureEvent.class, AwsClients.WAIT);
            assertThat(failure.connAck()).isNotNull();
            assertThat(failure.connAck().reasonCode()).isIn(ConnectReasonCode.BAD_USER_NAME_OR_PASSWORD,
                    ConnectReasonCode.NOT_AUTHORIZED);
        }
    }
}
