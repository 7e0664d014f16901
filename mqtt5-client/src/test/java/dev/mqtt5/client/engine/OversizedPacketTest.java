package dev.mqtt5.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.RecordingListener;
import dev.mqtt5.client.config.JitterMode;
import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import io.netty.util.internal.PlatformDependent;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile server announces a 256 MiB packet and then trickles its body: with default settings
 * the client refuses it when the fixed header arrives (within a second, holding almost nothing for
 * it), and reconnects as usual. The server here is a plain socket that writes the bytes itself.
 */
class OversizedPacketTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Fixed header of a packet announcing the largest remaining length MQTT can express (268,435,455). */
    private static final byte[] REMAINING_256_MIB = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
    private static final byte[] CONNACK_OK = {0x20, 0x03, 0x00, 0x00, 0x00};
    /** The goal: what such a server costs the client in direct memory, at most. */
    private static final long DIRECT_MEMORY_BUDGET = 4L * 1024 * 1024;

    private final ServerSocket server;
    private final RecordingListener listener = new RecordingListener();
    private final DirectMemoryPeak peak = new DirectMemoryPeak();
    private Mqtt5Client client;

    OversizedPacketTest() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout((int) WAIT.toMillis());
    }

    @BeforeEach
    void startClient() {
        client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName("127.0.0.1").port(server.getLocalPort())
                .connectOptions(ConnectPacket.builder().clientId("hostile-test").build())
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(100))
                        .maxDelay(Duration.ofMillis(200)).jitterMode(JitterMode.NONE).build())
                .lifecycleListener(listener).publishReceivedListener(listener).build());
        client.start();
    }

    @AfterEach
    void tearDown() throws IOException {
        peak.stop();
        client.close();
        server.close();
    }

    @Test
    void aConnAckAnnouncing256MiBIsRefusedAtItsFixedHeaderAndTheClientReconnects() throws Exception {
        try (Socket socket = server.accept()) {
            assertThat(readPacket(socket.getInputStream())[0]).isEqualTo((byte) 0x10); // CONNECT
            long headerSent = writeHeaderAndTrickle(socket, 0x20);

            long closedAfter = awaitClose(socket, headerSent);
            assertThat(Duration.ofNanos(closedAfter)).isLessThan(Duration.ofSeconds(1));
        }
        ConnectionFailureEvent failure = listener.await(ConnectionFailureEvent.class, WAIT);
        assertThat(failure.cause()).hasMessageContaining("CONNACK: packet size 268435460 exceeds the client's limit of "
                + "65536 bytes for packets other than PUBLISH");
        assertThat(peak.growth()).isLessThan(DIRECT_MEMORY_BUDGET);

        acceptAndConnect();
    }

    @Test
    void aPublishAnnouncing256MiBIsRefusedWithDisconnect0x95AndTheClientReconnects() throws Exception {
        try (Socket socket = server.accept()) {
            byte[] connect = readPacket(socket.getInputStream());
            assertThat(connect[0]).isEqualTo((byte) 0x10);
            // The client announced its default Maximum Packet Size (property 0x27, four bytes) in CONNECT.
            assertThat(indexOf(connect, new byte[] {0x27, 0x00, 0x10, 0x00, 0x00})).isPositive();
            socket.getOutputStream().write(CONNACK_OK);
            listener.await(ConnectionSuccessEvent.class, WAIT);
            long headerSent = writeHeaderAndTrickle(socket, 0x30);

            byte[] disconnect = readPacket(socket.getInputStream());
            assertThat(disconnect[0]).isEqualTo((byte) 0xE0);
            assertThat(disconnect[1]).as("DISCONNECT reason code").isEqualTo((byte) 0x95);
            long closedAfter = awaitClose(socket, headerSent);
            assertThat(Duration.ofNanos(closedAfter)).isLessThan(Duration.ofSeconds(1));
        }
        DisconnectionEvent ended = listener.await(DisconnectionEvent.class, WAIT);
        assertThat(ended.cause()).hasMessageContaining("PUBLISH: packet size 268435460 exceeds the client's Maximum "
                + "Packet Size " + Mqtt5ClientOptions.DEFAULT_MAXIMUM_PACKET_SIZE);
        assertThat(peak.growth()).isLessThan(DIRECT_MEMORY_BUDGET);

        acceptAndConnect();
    }

    private void acceptAndConnect() throws IOException {
        try (Socket again = server.accept()) {
            assertThat(readPacket(again.getInputStream())[0]).isEqualTo((byte) 0x10);
            again.getOutputStream().write(CONNACK_OK);
            listener.await(ConnectionSuccessEvent.class, WAIT);
        }
    }

    /** Writes the fixed header of a 256 MiB packet, then 16 KiB of its body every millisecond until the socket closes. */
    private static long writeHeaderAndTrickle(Socket socket, int firstByte) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(firstByte);
        out.write(REMAINING_256_MIB);
        out.flush();
        long sent = System.nanoTime();
        Thread trickle = new Thread(() -> {
            byte[] chunk = new byte[16 * 1024];
            try {
                while (!socket.isClosed()) {
                    out.write(chunk);
                    Thread.sleep(1);
                }
            } catch (IOException | InterruptedException e) {
                // The client closed the connection, as it should.
            }
        }, "trickle");
        trickle.setDaemon(true);
        trickle.start();
        return sent;
    }

    /** Reads until the client closes; returns the nanoseconds from {@code since}. */
    private static long awaitClose(Socket socket, long since) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // Whatever else the client sends before it closes.
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the client did not close the connection within " + WAIT);
        } catch (IOException e) {
            // A reset is a close too.
        }
        return System.nanoTime() - since;
    }

    /** Reads one MQTT packet: its first byte, then the first byte of its body (or nothing). */
    private static byte[] readPacket(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int first = in.readUnsignedByte();
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        byte[] packet = new byte[1 + length];
        packet[0] = (byte) first;
        in.readFully(packet, 1, length);
        return packet;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Samples Netty's count of reserved direct memory every millisecond and keeps the peak. */
    private static final class DirectMemoryPeak {
        private final long baseline = PlatformDependent.usedDirectMemory();
        private final AtomicLong peak = new AtomicLong(baseline);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(PlatformDependent.usedDirectMemory(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "direct-memory-peak");

        DirectMemoryPeak() {
            assertThat(baseline).as("Netty tracks its direct memory (io.netty.maxDirectMemory)").isNotNegative();
            sampler.setDaemon(true);
            sampler.start();
        }

        long growth() {
            return peak.get() - baseline;
        }

        void stop() {
            running.set(false);
        }
    }
}
