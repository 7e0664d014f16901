package dev.mqtt5.client.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.RecordingListener;
import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MosquittoBrokerTest {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension(
            MosquittoBroker.builder().configLine("max_keepalive 17"));

    @Test
    void injectsTheRunningBrokerWhichAnswersARawConnectOnItsTcpPort(MosquittoBroker broker) throws IOException {
        assertThat(broker).isSameAs(MOSQUITTO.broker());
        try (Socket socket = new Socket(broker.host(), broker.tcpPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(FakeBrokerTest.connectPacket("mosquitto-test"));
            InputStream in = socket.getInputStream();

            byte[] head = in.readNBytes(2);
            byte[] rest = in.readNBytes(head[1]);

            assertThat(head[0]).isEqualTo((byte) 0x20);
            assertThat(rest[1]).as("reason code").isZero();
            // our extra line is applied: the broker lowers keep-alive 60 to 17 (Server Keep Alive 0x13)
            assertThat(rest).containsSequence(0x13, 0, 17);
        }
        assertThat(broker.log()).contains("mosquitto-test");
    }

    @Test
    void stopsTheProcessAndDeletesItsFolderOnClose() throws IOException {
        MosquittoBroker broker = MosquittoBroker.start();
        int port = broker.tcpPort();

        broker.close();

        assertThat(broker.log()).isEqualTo("(no mosquitto output)");
        await().atMost(Duration.ofSeconds(5)).until(() -> !accepts(port));
    }

    @Test
    void restartsOnTheSamePortsWithoutTheSessionsItHeld() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (MosquittoBroker broker = MosquittoBroker.start();
                Mqtt5Client client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(broker.host())
                        .port(broker.tcpPort()).lifecycleListener(listener)
                        .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(100)).build())
                        .connectOptions(ConnectPacket.builder().clientId("restart-test")
                                .sessionExpiryInterval(Duration.ofHours(1)).build()).build())) {
            client.start();
            listener.await(ConnectionSuccessEvent.class, Duration.ofSeconds(10));

            broker.restart();

            listener.await(DisconnectionEvent.class, Duration.ofSeconds(10));
            assertThat(listener.await(ConnectionSuccessEvent.class, Duration.ofSeconds(10)).connAck().sessionPresent())
                    .isFalse();
        }
    }

    @Test
    void writesTheCertificatesAsPemFiles(@TempDir Path directory) throws Exception {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);

        assertThat(Files.readString(pem.serverKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(pem.caCertificate())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(TestCertificates.get().server().certificate().getSubjectAlternativeNames().stream()
                .map(name -> String.valueOf(name.get(1)))).containsExactly("localhost", "127.0.0.1");
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
