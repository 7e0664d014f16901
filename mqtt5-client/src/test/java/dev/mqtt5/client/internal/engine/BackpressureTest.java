package dev.mqtt5.client.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.exception.OperationFailedException;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * At most one batch of bytes waits in Netty for the socket: against a peer that stops reading,
 * everything else stays in the operation queue, where the statistics count it; and when that
 * peer resets the connection, every publish is settled, in order.
 */
class BackpressureTest {

    @Test
    void aPeerThatStopsReadingLeavesOperationsInTheQueueNotInNetty() throws Exception {
        withPeerThatNeverReads("bp", (engine, peer) -> {
            byte[] payload = new byte[16 * 1024];
            int count = 2000; // about 32 MiB, far more than the socket buffers hold
            for (int i = 0; i < count; i++) {
                Operations.publish(engine, PublishPacket.builder().topic("bp").payload(payload).build(), null, null);
            }
            Awaitility.await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(() ->
                    engine.statistics().incompleteOperationCount() < count);
            Thread.sleep(300);
            long pending = engine.eventLoop().submit(engine::pendingWriteBytes).get(10, TimeUnit.SECONDS);
            long queued = engine.statistics().incompleteOperationSize();
            // At most one batch (256 KiB, plus the publish that crossed the limit) waits in Netty.
            assertThat(pending).as("bytes held by Netty").isLessThanOrEqualTo(256 * 1024 + 16 * 1024 + 64);
            assertThat(queued).as("bytes still in the operation queue").isGreaterThan(16L * 1024 * 1024);
        });
    }

    @Test
    void qos0PublishesOfAWriteInProgressFailWhenTheConnectionEndsAndNoneIsLeftHanging() throws Exception {
        List<CompletableFuture<PublishResult>> futures = new ArrayList<>();
        withPeerThatNeverReads("bp0", (engine, peer) -> {
            byte[] payload = new byte[16 * 1024];
            for (int i = 0; i < 2000; i++) {
                futures.add(Operations.publish(engine, PublishPacket.builder().topic("bp").payload(payload).build(),
                        null, null));
            }
            // The socket buffers fill up: a write stays in progress, the rest waits in the queue.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    engine.eventLoop().submit(engine::pendingWriteBytes).get() > 0);
            peer.setSoLinger(true, 0);
            peer.close(); // a reset, with everything unread
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> futures.stream().allMatch(CompletableFuture::isDone));
        });
        int written = 0;
        while (written < futures.size() && !futures.get(written).isCompletedExceptionally()) {
            assertThat(futures.get(written).join()).isEqualTo(PublishResult.qos0());
            written++;
        }
        assertThat(written).as("publishes written before the reset").isGreaterThan(0).isLessThan(futures.size());
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<PublishResult> f : futures.subList(written, futures.size())) {
            assertThat(f).as("publishes after the first failed one").isCompletedExceptionally();
            Throwable cause = f.handle((r, e) -> e instanceof CompletionException c ? c.getCause() : e).join();
            assertThat(cause).isInstanceOf(OperationFailedException.class);
            failures.add(cause.getMessage());
        }
        assertThat(failures).as("the write in progress").anyMatch(m -> m.contains("the connection ended before it was written"));
        assertThat(failures).as("the publishes still queued").anyMatch(m -> m.contains("offline queue behavior"));
    }

    private interface Scenario {
        void run(ClientEngine engine, Socket peer) throws Exception;
    }

    /** Connects a client to a peer that answers CONNACK and then reads nothing, not even the CONNECT. */
    private static void withPeerThatNeverReads(String clientId, Scenario scenario) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ClientEngine engine = ClientEngine.create(Mqtt5ClientOptions.builder()
                    .hostName("127.0.0.1").port(server.getLocalPort())
                    .connectOptions(ConnectPacket.builder().clientId(clientId).keepAlive(Duration.ZERO).build())
                    .build());
            try {
                engine.start();
                try (Socket peer = server.accept()) {
                    // Whatever the client writes stays in socket buffers.
                    OutputStream out = peer.getOutputStream();
                    // CONNACK: success, no session, property length 0.
                    out.write(new byte[] {0x20, 0x03, 0x00, 0x00, 0x00});
                    out.flush();
                    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> engine.negotiatedSettings() != null);
                    scenario.run(engine, peer);
                }
            } finally {
                engine.stop(null).get(10, TimeUnit.SECONDS);
                engine.release();
            }
        }
    }
}
