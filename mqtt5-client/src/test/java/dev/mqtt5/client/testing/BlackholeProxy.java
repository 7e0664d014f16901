package dev.mqtt5.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port that can turn into a dead link without closing anything:
 * in a black-holed direction it keeps reading what is sent (so the sender's writes succeed, as
 * on a dead path until the buffers fill) and delivers nothing. Both sockets stay open, so
 * neither side sees a FIN or a reset: only a keep-alive can tell.
 *
 * <pre>{@code
 * try (BlackholeProxy proxy = new BlackholeProxy(broker.port())) {
 *     ... connect a client to proxy.port() ...
 *     proxy.blackhole(BlackholeProxy.Direction.TO_CLIENT);   // the server's answers vanish
 * }
 * }</pre>
 *
 * <p>Thread-safe: directions may be switched from any thread at any time; they apply to every
 * connection, current and future. Plain blocking sockets, two threads per connection.
 */
public final class BlackholeProxy implements AutoCloseable {

    /** A direction of the proxied byte streams. */
    public enum Direction {
        /** From the client to the server. */
        TO_SERVER,
        /** From the server to the client. */
        TO_CLIENT
    }

    private final int upstreamPort;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean toServerOpen = true;
    private volatile boolean toClientOpen = true;
    private volatile boolean closed;

    /** Starts proxying to {@code 127.0.0.1:upstreamPort}. */
    public BlackholeProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "blackhole-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The proxy's port on the loopback address. */
    public int port() {
        return server.getLocalPort();
    }

    /** How many client connections the proxy has accepted so far. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Stops delivering bytes in the given directions; both sockets stay open and keep being read. */
    public void blackhole(Direction... directions) {
        for (Direction d : directions) {
            if (d == Direction.TO_SERVER) {
                toServerOpen = false;
            } else {
                toClientOpen = false;
            }
        }
    }

    /** Delivers bytes in both directions again (what was swallowed meanwhile stays lost). */
    public void restore() {
        toServerOpen = true;
        toClientOpen = true;
    }

    /** Closes every proxied connection (a FIN to both sides); the proxy keeps accepting new ones. */
    public void dropConnections() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        dropConnections();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, Direction.TO_SERVER);
                pump(upstream, client, Direction.TO_CLIENT);
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, Direction direction) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    boolean open = direction == Direction.TO_SERVER ? toServerOpen : toClientOpen;
                    if (open) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // The other pump or close() ended the connection.
            } finally {
                // A FIN or reset from one side goes to the other, as through a live link.
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "blackhole-proxy-" + direction + "-" + ((InetSocketAddress) from.getRemoteSocketAddress()).getPort());
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing twice, or a socket already reset: nothing to do.
        }
    }
}
