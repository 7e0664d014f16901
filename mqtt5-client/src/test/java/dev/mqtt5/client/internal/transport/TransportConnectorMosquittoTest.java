package dev.mqtt5.client.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.config.WebSocketOptions;
import dev.mqtt5.client.conformance.Covers;
import dev.mqtt5.client.testing.FreePorts;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import dev.mqtt5.client.testing.TestCertificates;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MosquittoExtension.class)
class TransportConnectorMosquittoTest extends TransportTestSupport {

    static MosquittoBroker broker;
    private final TestCertificates certs = TestCertificates.get();

    @BeforeAll
    static void start() {
        startLoops();
    }

    @AfterAll
    static void stop() {
        stopLoops();
    }

    private TransportSettings settings(int port) {
        return TransportSettings.tcp(broker.host(), port);
    }

    private TlsOptions.Builder trustingTestCa() {
        return TlsOptions.builder().trustedCertificates(certs.ca().certificate());
    }

    @Test
    @Covers("MQTT-4.2-1")
    void carriesMqttOverTcp() throws Exception {
        assertThat(connAckReasonCode(settings(broker.tcpPort()))).isZero();
    }

    @Test
    @Covers("MQTT-4.2-1")
    void carriesMqttOverTlsWhenTheServerCaIsTrusted() throws Exception {
        assertThat(connAckReasonCode(settings(broker.tlsPort()).withTls(trustingTestCa().build()))).isZero();
    }

    @Test
    void failsTlsHandshakeWithTheJvmDefaultTrustStore() throws Exception {
        Throwable failure = connectFailure(settings(broker.tlsPort()).withTls(TlsOptions.builder().build()));

        assertThat(failure).isInstanceOf(TransportException.class)
                .hasMessageStartingWith("TLS handshake with 127.0.0.1:" + broker.tlsPort() + " failed: ")
                .hasMessageContaining("PKIX");
    }

    @Test
    void carriesMqttOverMutualTlsWithAClientCertificate() throws Exception {
        TlsOptions tls = trustingTestCa()
                .clientCertificate(certs.client().privateKey(), certs.client().certificate()).build();

        assertThat(connAckReasonCode(settings(broker.mtlsPort()).withTls(tls))).isZero();
    }

    @Test
    void failsMutualTlsWithoutAClientCertificate() {
        // With TLS 1.3 the server rejects the missing certificate after the client's handshake
        // completed, so the failure shows either in the connect or before the CONNACK.
        Throwable failure = catchThrowable(() -> connAckReasonCode(
                settings(broker.mtlsPort()).withTls(trustingTestCa().build())));

        assertThat(failure).isNotNull();
        assertThat(failure.toString() + failure.getCause()).containsAnyOf("certificate", "closed");
    }

    @Test
    @Covers("MQTT-4.2-1")
    void carriesMqttOverWebSocket() throws Exception {
        TransportSettings ws = settings(broker.wsPort()).withWebSocket(WebSocketOptions.builder().build());

        assertThat(connAckReasonCode(ws)).isZero();
    }

    @Test
    void carriesMqttOverWebSocketOverTls() throws Exception {
        TransportSettings wss = settings(broker.wssPort()).withTls(trustingTestCa().build())
                .withWebSocket(WebSocketOptions.builder().build());

        assertThat(connAckReasonCode(wss)).isZero();
    }

    @Test
    void failsWithTheAddressWhenTheConnectionIsRefused() throws Exception {
        int closedPort = FreePorts.allocate();

        Throwable failure = connectFailure(settings(closedPort));

        assertThat(failure).hasMessageStartingWith("Connecting to 127.0.0.1:" + closedPort + " failed: ");
    }

    @Test
    void failsWithTheTimeoutWhenTheServerDoesNotAnswerTheConnect() throws Exception {
        // A listener whose backlog is full drops further SYNs: the connect neither succeeds nor fails.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> backlog = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket socket = new Socket();
                    backlog.add(socket);
                    try {
                        socket.connect(full.getLocalSocketAddress(), 300);
                    } catch (SocketTimeoutException expected) {
                        break;
                    }
                }
                TransportSettings settings = new TransportSettings("127.0.0.1", full.getLocalPort(), null, null,
                        Duration.ofMillis(300), true);

                Throwable failure = connectFailure(settings);

                assertThat(failure).hasMessage("Connecting to 127.0.0.1:" + full.getLocalPort() + " failed: connection "
                        + "timed out after 300 ms: 127.0.0.1/127.0.0.1:" + full.getLocalPort());
                assertThat(failure.getCause()).isInstanceOf(ConnectTimeoutException.class);
            } finally {
                for (Socket socket : backlog) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void closesTheChannelWhenTheCallerClosesIt() throws Exception {
        Channel channel = connect(settings(broker.tcpPort()), new RawMqtt.FirstPacket()).get(5, TimeUnit.SECONDS);

        channel.close().sync();

        assertThat(channel.isOpen()).isFalse();
    }
}
