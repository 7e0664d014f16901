package dev.mqtt5.client.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.RecordingListener;
import dev.mqtt5.client.config.JitterMode;
import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.config.WebSocketOptions;
import dev.mqtt5.client.internal.transport.SharedEventLoopGroup;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.testing.BrokerReplies;
import dev.mqtt5.client.testing.FakeBroker;
import dev.mqtt5.client.testing.FreePorts;
import dev.mqtt5.client.testing.LogCapture;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection log an operator reads, captured from clients on real sockets: refused ports,
 * an untrusted certificate, a broker that refuses CONNECT or disconnects, mosquitto stopped and
 * started again on the same port.
 */
@ExtendWith(MosquittoExtension.class)
class ConnectionLogTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ReconnectOptions FAST_RECONNECT = ReconnectOptions.builder().minDelay(Duration.ofMillis(20))
            .maxDelay(Duration.ofMillis(20)).jitterMode(JitterMode.NONE).build();

    private final List<ClientEngine> engines = new ArrayList<>();
    private LogCapture log;

    @BeforeEach
    void capture() {
        log = LogCapture.of(ConnectionLog.LOGGER_NAME);
    }

    @AfterEach
    void stopClients() throws Exception {
        for (ClientEngine engine : engines) {
            engine.stop(null).get(10, TimeUnit.SECONDS);
            engine.release();
        }
        log.close();
    }

    @Test
    void aConnectionIsOneInfoLineWithEndpointClientIdSessionAndKeepAliveAndTheStopAnother(MosquittoBroker broker)
            throws Exception {
        RecordingListener listener = new RecordingListener();
        ClientEngine engine = start(broker.host(), broker.tcpPort(), "log-ok", listener, o -> o.connectOptions(
                ConnectPacket.builder().clientId("log-ok").keepAlive(Duration.ofSeconds(30)).build()));
        listener.await(ConnectionSuccessEvent.class, WAIT);
        engine.stop(null).get(10, TimeUnit.SECONDS);

        String endpoint = "127.0.0.1:" + broker.tcpPort();
        assertThat(log.messages(Level.INFO)).hasSize(2);
        assertThat(log.messages(Level.INFO).get(0))
                .isEqualTo("MQTT client 'log-ok' connected to " + endpoint + " (session present: false, keep-alive: 30s)");
        assertThat(log.messages(Level.INFO).get(1))
                .matches("MQTT client 'log-ok' stopped; it was connected to " + Pattern.quote(endpoint) + " for \\S+");
        assertThat(log.events(Level.WARN)).as("the client's DISCONNECT on stop is normal").isEmpty();
    }

    @Test
    void aServerAssignedClientIdIsTheOneTheLinesShow() throws Exception {
        try (FakeBroker broker = new FakeBroker()) {
            broker.onConnect((index, connect) -> BrokerReplies.connAck().assignedClientId("auto-7f3a")
                    .serverKeepAlive(20).sessionPresent(false).build());
            RecordingListener listener = new RecordingListener();
            start(broker.host(), broker.port(), "", listener, UnaryOperator.identity());
            listener.await(ConnectionSuccessEvent.class, WAIT);
            broker.send(BrokerReplies.disconnect(0x8E, "session taken over"));
            listener.await(DisconnectionEvent.class, WAIT);
            listener.await(ConnectionSuccessEvent.class, WAIT);

            String endpoint = "127.0.0.1:" + broker.port();
            assertThat(log.messages(Level.INFO).get(0)).isEqualTo("MQTT client 'auto-7f3a' connected to " + endpoint
                    + " (client id assigned by the server, session present: false, keep-alive: 20s)");
            assertThat(log.messages(Level.WARN)).singleElement().asString()
                    .startsWith("MQTT client 'auto-7f3a' disconnected from " + endpoint + " after ")
                    .endsWith(" connected: server sent DISCONNECT SESSION_TAKEN_OVER (0x8E): session taken over "
                            + "(another client connected with the same client identifier)");
            assertThat(log.messages(Level.INFO).get(1)).matches("MQTT client 'auto-7f3a' reconnected to "
                    + Pattern.quote(endpoint) + " after \\S+ down, 0 failed attempts \\(client id assigned by the "
                    + "server, session present: false, keep-alive: 20s\\)");
            assertNoStackTraceAtWarn();
        }
    }

    @Test
    void aRefusedPortIsOneWarnLineWithoutStackTraceWhileTheAttemptsGoOn() throws Exception {
        int port = FreePorts.allocate();
        RecordingListener listener = new RecordingListener();
        ClientEngine engine = start("127.0.0.1", port, "log-refused", listener, UnaryOperator.identity());
        for (int i = 0; i < 10; i++) {
            listener.await(ConnectionFailureEvent.class, WAIT);
        }
        engine.stop(null).get(10, TimeUnit.SECONDS);
        int failures = count(listener, ConnectionFailureEvent.class);

        String endpoint = "127.0.0.1:" + port;
        assertThat(log.messages(Level.WARN)).as("ten and more attempts within the summary interval: one line")
                .singleElement().asString()
                .startsWith("MQTT client 'log-refused' could not connect to " + endpoint + ": Connecting to "
                        + endpoint + " failed: ")
                .containsIgnoringCase("connection refused");
        assertNoStackTraceAtWarn();
        assertThat(log.events(Level.DEBUG)).as("the stack traces are at DEBUG")
                .anySatisfy(e -> assertThat(e.getThrowableProxy()).isNotNull());
        assertThat(log.messages(Level.INFO)).singleElement().asString()
                .startsWith("MQTT client 'log-refused' stopped; it was not connected to " + endpoint + " for ")
                .contains(", " + failures + " failed attempts, last cause: Connecting to " + endpoint + " failed: ");
    }

    @Test
    void anUntrustedServerCertificateIsOneWarnLineNamingTheSetting(MosquittoBroker broker) throws Exception {
        RecordingListener listener = new RecordingListener();
        start(broker.host(), broker.tlsPort(), "log-tls", listener, o -> o.tls(TlsOptions.builder().build()));
        listener.await(ConnectionFailureEvent.class, WAIT);
        listener.await(ConnectionFailureEvent.class, WAIT);

        assertThat(log.messages(Level.WARN)).singleElement().asString()
                .startsWith("MQTT client 'log-tls' could not connect to 127.0.0.1:" + broker.tlsPort()
                        + ": TLS handshake with 127.0.0.1:" + broker.tlsPort() + " failed: ")
                .contains("(the server's certificate is not trusted");
        assertNoStackTraceAtWarn();
    }

    @Test
    void aRefusingConnAckIsLoggedWithReasonCodeAndReasonStringInOneLine() throws Exception {
        try (FakeBroker broker = new FakeBroker()) {
            broker.onConnect((index, connect) -> BrokerReplies.connAck().reasonCode(0x87)
                    .reasonString("not allowed here\nFAKE 'forged' log line").build());
            RecordingListener listener = new RecordingListener();
            start(broker.host(), broker.port(), "log-connack", listener, UnaryOperator.identity());
            listener.await(ConnectionFailureEvent.class, WAIT);

            assertThat(log.messages(Level.WARN)).singleElement().isEqualTo("MQTT client 'log-connack' could not connect to "
                    + "127.0.0.1:" + broker.port() + ": server refused the connection: CONNACK NOT_AUTHORIZED (0x87): "
                    + "not allowed here\\nFAKE 'forged' log line");
            assertNoStackTraceAtWarn();
        }
    }

    @Test
    void anUnansweredPingIsAWarnLineAndTheReconnectionAnInfoLine() throws Exception {
        try (FakeBroker broker = new FakeBroker()) {
            broker.noReply(MqttMessageType.PINGREQ);
            RecordingListener listener = new RecordingListener();
            start(broker.host(), broker.port(), "log-ping", listener, o -> o.connectOptions(
                    ConnectPacket.builder().clientId("log-ping").keepAlive(Duration.ofSeconds(1)).build()));
            listener.await(ConnectionSuccessEvent.class, WAIT);
            listener.await(DisconnectionEvent.class, WAIT);
            listener.await(ConnectionSuccessEvent.class, WAIT);

            assertThat(log.messages(Level.WARN)).first().asString()
                    .startsWith("MQTT client 'log-ping' disconnected from 127.0.0.1:" + broker.port() + " after ")
                    .contains(" connected: no PINGRESP, nor any other byte, from 127.0.0.1:" + broker.port()
                            + " within 500 ms");
            assertThat(log.messages(Level.INFO)).element(1).asString()
                    .startsWith("MQTT client 'log-ping' reconnected to 127.0.0.1:" + broker.port() + " after ");
            assertNoStackTraceAtWarn();
        }
    }

    @Test
    void anOutageIsSummarisedAndTheRecoveryCarriesDowntimeAndAttempts() throws Exception {
        Duration interval = Duration.ofMillis(400);
        int port = FreePorts.allocate();
        RecordingListener listener = new RecordingListener();
        MosquittoBroker broker = MosquittoBroker.builder().configLine("listener " + port + " 127.0.0.1").start();
        try {
            ClientEngine engine = start("127.0.0.1", port, "log-outage", listener, o -> o, interval);
            listener.await(ConnectionSuccessEvent.class, WAIT);
            broker.close();
            listener.await(DisconnectionEvent.class, WAIT);
            Thread.sleep(2_000); // attempts every 20 ms, lines every 400 ms at most
            broker = MosquittoBroker.builder().configLine("listener " + port + " 127.0.0.1").start();
            listener.await(ConnectionSuccessEvent.class, WAIT);
            engine.stop(null).get(10, TimeUnit.SECONDS);
        } finally {
            broker.close();
        }
        int failures = count(listener, ConnectionFailureEvent.class);
        String endpoint = "127.0.0.1:" + port;

        List<String> warnings = log.messages(Level.WARN);
        assertThat(warnings.get(0)).startsWith("MQTT client 'log-outage' disconnected from " + endpoint + " after ")
                .contains(" connected: ");
        assertThat(warnings.get(1)).startsWith("MQTT client 'log-outage' could not connect to " + endpoint
                + ": Connecting to " + endpoint + " failed: ");
        List<String> summaries = warnings.subList(2, warnings.size());
        assertThat(failures).as("attempts in the outage").isGreaterThan(30);
        assertThat(summaries).as("about one line per interval in a 2 s outage, not one per attempt")
                .hasSizeBetween(2, 7);
        int reported = 1;
        Pattern summary = Pattern.compile("MQTT client 'log-outage' still cannot connect to " + Pattern.quote(endpoint)
                + ": (\\d+) more failed attempts? in the last (\\d+ms|\\d+\\.\\ds), down \\S+; last cause: Connecting to "
                + Pattern.quote(endpoint) + " failed: .*");
        for (String line : summaries) {
            Matcher m = summary.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            if (m.group(2).endsWith("ms")) {
                assertThat(Long.parseLong(m.group(2).replace("ms", ""))).as("time since the previous line")
                        .isGreaterThanOrEqualTo(400);
            }
            reported += Integer.parseInt(m.group(1));
        }
        assertThat(reported).as("attempts counted in the lines").isLessThanOrEqualTo(failures)
                .isGreaterThan(failures - 25); // those after the last line are counted in the recovery only
        List<String> infos = log.messages(Level.INFO);
        assertThat(infos.get(infos.size() - 2)).matches("MQTT client 'log-outage' reconnected to "
                + Pattern.quote(endpoint) + " after \\d+\\.\\ds down, " + failures + " failed attempts \\(session present: "
                + "false, keep-alive: 60s\\)");
        assertNoStackTraceAtWarn();
    }

    @Test
    void aDifferentCauseIsLoggedAtOnceButAtMostOncePerInterval() throws Exception {
        int port = FreePorts.allocate();
        RecordingListener listener = new RecordingListener();
        start("127.0.0.1", port, "log-change", listener, UnaryOperator.identity());
        listener.await(ConnectionFailureEvent.class, WAIT);
        listener.await(ConnectionFailureEvent.class, WAIT);
        String endpoint = "127.0.0.1:" + port;
        try (ServerSocket closing = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            // Accepts and hangs up: the attempts now fail after the TCP connect.
            CompletableFuture.runAsync(() -> {
                while (!closing.isClosed()) {
                    try (Socket ignored = closing.accept()) {
                        // closed at once
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            Awaitility.await().atMost(WAIT).until(() -> log.messages(Level.WARN).size() >= 2);
        }
        int before = count(listener, ConnectionFailureEvent.class);
        Awaitility.await().atMost(WAIT).until(() -> count(listener, ConnectionFailureEvent.class) > before + 5);

        assertThat(log.messages(Level.WARN).get(1)).matches("MQTT client 'log-change' could not connect to "
                + Pattern.quote(endpoint) + ": (?!Connecting to).* \\(\\d+ failed attempts, down \\S+\\)");
        assertThat(log.messages(Level.WARN)).as("refused again, within the interval: no new line").hasSize(2);
    }

    @Test
    void anUnexpectedExceptionKeepsItsStackTraceAtWarnWithoutTheSignedUrl(MosquittoBroker broker) throws Exception {
        String signed = "wss://127.0.0.1/mqtt?X-Amz-Signature=5ec7e7deadbeef&X-Amz-Security-Token=t0ken-9f";
        RecordingListener listener = new RecordingListener();
        start(broker.host(), broker.wsPort(), "log-bug", listener, o -> o.webSocket(WebSocketOptions.builder()
                .handshakeTransformer(request -> {
                    throw new IllegalStateException("bug while signing " + signed);
                }).build()));
        listener.await(ConnectionFailureEvent.class, WAIT);
        listener.await(ConnectionFailureEvent.class, WAIT);

        ILoggingEvent warning = log.events(Level.WARN).get(0);
        assertThat(log.events(Level.WARN)).hasSize(1);
        assertThat(warning.getFormattedMessage()).startsWith("MQTT client 'log-bug' could not connect to 127.0.0.1:"
                + broker.wsPort() + ": WebSocket handshake transformer for ").contains("IllegalStateException");
        assertThat(warning.getThrowableProxy()).as("a bug keeps its stack trace").isNotNull();
        assertThat(log.text()).contains("java.lang.IllegalStateException: bug while signing wss://127.0.0.1/mqtt?<redacted>")
                .contains("at dev.mqtt5.client.internal.engine.ConnectionLogTest")
                .doesNotContain("5ec7e7deadbeef").doesNotContain("t0ken-9f");
    }

    @Test
    void secretsInTheConfigurationOrEchoedByTheServerAreNotLogged() throws Exception {
        String password = "hunter2-Pa55";
        String token = "tok-31f5a9";
        try (FakeBroker broker = new FakeBroker()) {
            broker.onConnect((index, connect) -> BrokerReplies.connAck().reasonCode(0x86)
                    .reasonString("bad password " + password + " for device?x-amz-customauthorizer-name=A&token="
                            + token + " (token " + token + ")").build());
            RecordingListener listener = new RecordingListener();
            start(broker.host(), broker.port(), "log-secret", listener, o -> o.connectOptions(ConnectPacket.builder()
                    .clientId("log-secret").username("device?x-amz-customauthorizer-name=A&token=" + token)
                    .password(password.getBytes(StandardCharsets.UTF_8)).build()));
            listener.await(ConnectionFailureEvent.class, WAIT);
            listener.await(ConnectionFailureEvent.class, WAIT);
        }
        assertThat(log.messages(Level.WARN)).first().asString()
                .contains("CONNACK BAD_USER_NAME_OR_PASSWORD (0x86): bad password <redacted> for device?");
        assertThat(log.text()).contains("stack trace").doesNotContain(password).doesNotContain(token);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private ClientEngine start(String host, int port, String clientId, RecordingListener listener,
            UnaryOperator<Mqtt5ClientOptions.Builder> options) {
        return start(host, port, clientId, listener, options, ConnectionLog.SUMMARY_INTERVAL);
    }

    private ClientEngine start(String host, int port, String clientId, RecordingListener listener,
            UnaryOperator<Mqtt5ClientOptions.Builder> options, Duration summaryInterval) {
        Mqtt5ClientOptions built = options.apply(Mqtt5ClientOptions.builder().hostName(host).port(port)
                .connectOptions(ConnectPacket.builder().clientId(clientId).build())
                .reconnectOptions(FAST_RECONNECT).lifecycleListener(listener)).build();
        ClientEngine engine = new ClientEngine(built, SharedEventLoopGroup.acquire().next(),
                new ConnectionLog(built, summaryInterval, System::nanoTime));
        engines.add(engine);
        engine.start();
        return engine;
    }

    private void assertNoStackTraceAtWarn() {
        assertThat(log.events(Level.WARN)).allSatisfy(e -> {
            assertThat(e.getThrowableProxy()).as(e.getFormattedMessage()).isNull();
            assertThat(e.getFormattedMessage()).doesNotContain("\n").doesNotContain("\r");
        });
    }

    private static int count(RecordingListener listener, Class<?> type) {
        return (int) listener.history().stream().filter(type::isInstance).count();
    }
}
