package dev.mqtt5.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Finds free TCP ports on the loopback interface for test servers that need a port before they start. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * Returns {@code count} distinct ports that were free a moment ago. Another process may take
     * one before it is used, so a server started on them should retry on "address in use".
     *
     * @param count how many ports
     * @return distinct free ports
     */
    public static List<Integer> allocate(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                // Holding all sockets open until the end keeps the ports distinct.
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket that was never used cannot lose data
                }
            }
        }
    }

    /**
     * Returns one port that was free a moment ago.
     *
     * @return a free port
     */
    public static int allocate() {
        return allocate(1).get(0);
    }
}
