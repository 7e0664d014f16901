package dev.mqtt5.client.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.RecordingListener;
import dev.mqtt5.client.config.HttpProxyOptions;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.StoppedEvent;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.testing.BrokerReplies;
import dev.mqtt5.client.testing.FakeBroker;
import dev.mqtt5.client.testing.LogCapture;
import dev.mqtt5.client.testing.LoopbackService;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Runs full connect cycles with every kind of secret (proxy password, session token, secret key,
 * SigV4 signature, custom-authorizer signature and password, key and keystore passwords), and
 * searches everything the client printed or reported for them: console and log output (the
 * connection log captured at DEBUG, with stack traces), lifecycle events, exception messages and
 * {@code toString()} of the configuration objects.
 */
@ExtendWith(MosquittoExtension.class)
class SecretsNeverLeakTest {

    private static final String PROXY_PASSWORD = "proxy-Pa55-7f3a";
    private static final String SECRET_KEY = "secret-key-9c2e";
    private static final String SESSION_TOKEN = "session-token-41bd";
    private static final String AUTH_SIGNATURE = "c2lnbmF0dXJl+Lz0=";
    private static final String AUTH_PASSWORD = "authorizer-pw-77aa";
    private static final String KEY_PASSWORD = "key-pw-0d0d";

    @TempDir
    Path dir;

    @Test
    void noSecretAppearsInOutputEventsMessagesOrToString(MosquittoBroker broker) throws Exception {
        List<String> reported = new ArrayList<>();
        List<String> signatures;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        System.setErr(new PrintStream(tee(originalErr, console), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(tee(originalOut, console), true, StandardCharsets.UTF_8));
        // The connection log at DEBUG, stack traces included, whatever the console shows.
        LogCapture connectionLog = LogCapture.of("dev.mqtt5.client.Mqtt5Client");
        try (AwsClients clients = new AwsClients();
                SigV4Gateway gateway = new SigV4Gateway("us-east-1", broker.wsPort());
                LoopbackService tinyproxy = LoopbackService.tinyproxy("user", PROXY_PASSWORD, List.of(gateway.port()));
                FakeBroker refusing = new FakeBroker()) {
            gateway.allow("ASIALEAK", SECRET_KEY, SESSION_TOKEN);
            HttpProxyOptions proxy = HttpProxyOptions.builder("127.0.0.1", tinyproxy.port())
                    .basicAuthentication("user", PROXY_PASSWORD).build();

            // 1. SigV4 with a session token through an authenticating proxy: connect, publish, stop.
            RecordingListener ok = new RecordingListener();
            AwsIotMqtt5ClientBuilder sigv4 = AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning("localhost",
                    "us-east-1", () -> AwsSessionCredentials.create("ASIALEAK", SECRET_KEY, SESSION_TOKEN))
                    .port(gateway.port()).options(o -> o.tls(null)).httpProxy(proxy);
            Mqtt5Client client = clients.start(sigv4, ok);
            ok.await(ConnectionSuccessEvent.class, AwsClients.WAIT);
            client.publish(PublishPacket.builder().topic("leak/test").payload("x").qos(QoS.AT_LEAST_ONCE).build())
                    .get(10, TimeUnit.SECONDS);
            client.stop().get(10, TimeUnit.SECONDS);
            ok.await(StoppedEvent.class, AwsClients.WAIT);
            reported.add(ok.history().toString());
            reported.add(sigv4.toString());
            reported.add(sigv4.buildOptions().toString());
            reported.add(proxy.toString());

            // 2. The same signer with a wrong secret and the proxy with a wrong password: refused attempts.
            gateway.allow("ASIAWRONG", "another-secret", SESSION_TOKEN);
            reported.add(clients.firstFailure(AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning("localhost",
                    "us-east-1", () -> AwsSessionCredentials.create("ASIAWRONG", SECRET_KEY, SESSION_TOKEN))
                    .port(gateway.port()).options(o -> o.tls(null)).httpProxy(proxy)));
            reported.add(clients.firstFailure(sigv4.httpProxy(HttpProxyOptions.builder("127.0.0.1", tinyproxy.port())
                    .basicAuthentication("user", PROXY_PASSWORD + "-wrong").build())));

            // 3. A signed custom authorizer refused by the broker.
            refusing.onConnect((index, connect) -> BrokerReplies.connAck()
                    .reasonCode(0x86).build()); // Bad User Name or Password
            RecordingListener refused = new RecordingListener();
            AwsIotMqtt5ClientBuilder customAuth = AwsIotMqtt5ClientBuilder.directWithCustomAuthorizer(refusing.host(),
                    "Authz", "device", AUTH_PASSWORD.getBytes(StandardCharsets.UTF_8), AUTH_SIGNATURE, "token", "t-1")
                    .port(refusing.port()).options(o -> o.tls(null));
            clients.start(customAuth, refused);
            reported.add(AwsClients.messages(refused.await(ConnectionFailureEvent.class, AwsClients.WAIT).cause()));
            reported.add(refused.history().toString());
            reported.add(customAuth.buildOptions().toString());
            signatures = gateway.accepted.stream().map(SigV4Gateway.Accepted::signature).toList();
        } finally {
            connectionLog.close();
            System.setErr(originalErr);
            System.setOut(originalOut);
        }

        // 4. Key material with wrong passwords.
        KeyPair keys = ClientIdentities.rsa();
        Path cert = Files.writeString(dir.resolve("c.pem"), ClientIdentities.pem(ClientIdentities.clientCertificate(keys.getPublic())));
        Path key = Files.writeString(dir.resolve("k.pem"), ClientIdentities.encryptedPkcs8(keys.getPrivate(),
                KEY_PASSWORD.toCharArray()));
        Path p12 = Files.write(dir.resolve("d.p12"), ClientIdentities.pkcs12(keys.getPrivate(),
                ClientIdentities.clientCertificate(keys.getPublic()), KEY_PASSWORD.toCharArray()));
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsFromPath("h", cert, key, (KEY_PASSWORD + "x").toCharArray()))
                .satisfies(e -> reported.add(AwsClients.messages(e)));
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.mtlsWithPkcs12("h", p12, (KEY_PASSWORD + "x").toCharArray()))
                .satisfies(e -> reported.add(AwsClients.messages(e)));
        reported.add(AwsIotMqtt5ClientBuilder.mtlsFromPath("h", cert, key, KEY_PASSWORD.toCharArray()).buildOptions()
                .toString());

        reported.add(console.toString(StandardCharsets.UTF_8));
        String logged = connectionLog.text();
        assertThat(logged).as("the connection log was captured").contains("INFO MQTT client").contains("HTTP 403")
                .contains("BAD_USER_NAME_OR_PASSWORD").contains("stack trace");
        reported.add(logged);
        String everything = String.join("\n", reported);
        assertThat(signatures).isNotEmpty();
        List<String> secrets = new ArrayList<>(List.of(PROXY_PASSWORD, SECRET_KEY, SESSION_TOKEN, AUTH_SIGNATURE,
                URLEncoder.encode(AUTH_SIGNATURE, StandardCharsets.UTF_8), AUTH_PASSWORD, KEY_PASSWORD));
        secrets.addAll(signatures);
        for (String secret : secrets) {
            assertThat(everything).as("secret '%s' leaked", secret).doesNotContain(secret);
        }
        assertThat(everything).contains("ConnectionSuccessEvent").contains("HTTP 403");
    }

    private static OutputStream tee(OutputStream first, OutputStream second) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                try {
                    synchronized (second) {
                        second.write(b);
                    }
                    first.write(b);
                } catch (java.io.IOException ignored) {
                    // console output is best effort
                }
            }
        };
    }
}
