package dev.mqtt5.bench.clients;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The practical limit: hand-encoded MQTT 5 packets (no properties) written to a blocking socket
 * through a 64 KiB buffer, one reader thread for acks and publishes. Writes are flushed when the
 * buffer fills, when the QoS 1 window (the server's Receive Maximum, 20) is full, when the harness
 * is about to wait ({@link #flush()}) and, in low-latency mode (any workload but throughput),
 * after every packet. QoS 0 futures are returned already complete.
 */
final class RawSocketAdapter implements ClientAdapter {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final int RECEIVE_MAXIMUM = 20;

    private Endpoint endpoint;
    private String clientId;
    private Socket socket;
    private OutputStream out;
    private DataInputStream in;
    private final Semaphore window = new Semaphore(RECEIVE_MAXIMUM);
    @SuppressWarnings("unchecked")
    private final CompletableFuture<Void>[] pending = new CompletableFuture[65536];
    private int nextId = 1;
    private volatile boolean flushEachPacket = true;
    private volatile Consumer<byte[]> onMessage = payload -> { };
    private volatile CompletableFuture<Void> subAck;
    private final CompletableFuture<Void> connAck = new CompletableFuture<>();
    private final byte[] header = new byte[8];

    @Override
    public String name() {
        return "raw-socket";
    }

    @Override
    public void batchWrites(boolean batch) {
        flushEachPacket = !batch;
    }

    @Override
    public void prepare(Endpoint endpoint, String clientId) {
        this.endpoint = endpoint;
        this.clientId = clientId;
    }

    @Override
    public void connect() throws Exception {
        socket = endpoint.tls() ? tlsSocket() : new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 10_000);
        if (socket instanceof SSLSocket ssl) {
            ssl.startHandshake();
        }
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        // CONNECT: protocol name, level 5, Clean Start, keep alive 0, no properties, client id.
        int remaining = 6 + 1 + 1 + 2 + 1 + 2 + id.length;
        synchronized (this) {
            writeHeader(0x10, remaining);
            out.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 0, 0});
            out.write(id.length >> 8);
            out.write(id.length);
            out.write(id);
            out.flush();
        }
        Thread reader = new Thread(this::readLoop, "raw-socket-reader-" + clientId);
        reader.setDaemon(true);
        reader.start();
        connAck.get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    private Socket tlsSocket() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("server", endpoint.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context.getSocketFactory().createSocket();
    }

    @Override
    public CompletableFuture<?> publish(String topic, byte[] payload, int qos) {
        try {
            byte[] name = topic.getBytes(StandardCharsets.UTF_8);
            int remaining = 2 + name.length + (qos > 0 ? 2 : 0) + 1 + payload.length;
            CompletableFuture<Void> result = DONE;
            if (qos > 0) {
                if (!window.tryAcquire()) {
                    synchronized (this) {
                        out.flush();
                    }
                    window.acquire();
                }
            }
            synchronized (this) {
                writeHeader(0x30 | (qos << 1), remaining);
                out.write(name.length >> 8);
                out.write(name.length);
                out.write(name);
                if (qos > 0) {
                    int id = nextId;
                    nextId = id == 65535 ? 1 : id + 1;
                    result = new CompletableFuture<>();
                    pending[id] = result;
                    out.write(id >> 8);
                    out.write(id);
                }
                out.write(0);
                out.write(payload);
                if (flushEachPacket) {
                    out.flush();
                }
            }
            return result;
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void subscribe(String topicFilter, int qos, Consumer<byte[]> handler) throws Exception {
        onMessage = handler;
        subAck = new CompletableFuture<>();
        byte[] filter = topicFilter.getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            writeHeader(0x82, 2 + 1 + 2 + filter.length + 1);
            out.write(new byte[] {0, 1, 0, (byte) (filter.length >> 8), (byte) filter.length});
            out.write(filter);
            out.write(qos);
            out.flush();
        }
        subAck.get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void flush() throws IOException {
        synchronized (this) {
            out.flush();
        }
    }

    private void writeHeader(int first, int remaining) throws IOException {
        int n = 0;
        header[n++] = (byte) first;
        do {
            int digit = remaining & 0x7F;
            remaining >>>= 7;
            header[n++] = (byte) (remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        out.write(header, 0, n);
    }

    private void readLoop() {
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int remaining = 0;
                for (int shift = 0; ; shift += 7) {
                    int b = in.readUnsignedByte();
                    remaining |= (b & 0x7F) << shift;
                    if ((b & 0x80) == 0) {
                        break;
                    }
                }
                switch (first >> 4) {
                    case 2 -> {
                        in.skipNBytes(remaining);
                        connAck.complete(null);
                    }
                    case 3 -> readPublish(first, remaining);
                    case 4 -> {
                        int id = in.readUnsignedShort();
                        in.skipNBytes(remaining - 2);
                        CompletableFuture<Void> f = pending[id];
                        pending[id] = null;
                        window.release();
                        if (f != null) {
                            f.complete(null);
                        }
                    }
                    case 9 -> {
                        in.skipNBytes(remaining);
                        subAck.complete(null);
                    }
                    default -> in.skipNBytes(remaining);
                }
            }
        } catch (IOException e) {
            connAck.completeExceptionally(e);
        }
    }

    private void readPublish(int first, int remaining) throws IOException {
        int qos = (first >> 1) & 3;
        int topicLength = in.readUnsignedShort();
        in.skipNBytes(topicLength);
        int used = 2 + topicLength;
        int id = 0;
        if (qos > 0) {
            id = in.readUnsignedShort();
            used += 2;
        }
        int propertyLength = 0;
        int b;
        int shift = 0;
        do {
            b = in.readUnsignedByte();
            used++;
            propertyLength |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        in.skipNBytes(propertyLength);
        used += propertyLength;
        byte[] payload = new byte[remaining - used];
        in.readFully(payload);
        if (qos == 1) {
            synchronized (this) {
                out.write(new byte[] {0x40, 2, (byte) (id >> 8), (byte) id});
                out.flush();
            }
        }
        onMessage.accept(payload);
    }

    @Override
    public void close() throws Exception {
        if (socket != null) {
            synchronized (this) {
                out.write(new byte[] {(byte) 0xE0, 0});
                out.flush();
            }
            socket.close();
        }
    }
}
