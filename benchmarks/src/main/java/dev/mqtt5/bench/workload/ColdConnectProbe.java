package dev.mqtt5.bench.workload;

import dev.mqtt5.bench.clients.ClientAdapter;
import dev.mqtt5.bench.clients.Endpoint;
import dev.mqtt5.bench.clients.IsolatedAdapters;

/**
 * The fresh JVM of {@link ColdConnectWorkload}: {@code ColdConnectProbe <client> <port> <count> <seconds>}
 * connects {@code count} fresh clients of one library to mosquitto, one after the other (fewer if
 * {@code seconds} run out first, at least 10), and prints
 * one line {@code cold <build-us> <connect-us>...}: the first client's build time (the library's
 * classes loaded, its client object made) and each client's connect time, from the call that
 * starts the connection to the CONNACK processed, in microseconds.
 */
public final class ColdConnectProbe {

    private ColdConnectProbe() {
    }

    public static void main(String[] args) throws Exception {
        String label = args[0];
        Endpoint endpoint = Endpoint.tcp(Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        long deadline = System.nanoTime() + (long) (Double.parseDouble(args[3]) * 1e9);
        StringBuilder line = new StringBuilder("cold");
        for (int i = 0; i < count && (i < 10 || System.nanoTime() < deadline); i++) {
            long built = System.nanoTime();
            // Not through Clients, which would load every library's classes (IsolatedAdapters).
            try (ClientAdapter client = IsolatedAdapters.create(label)) {
                client.tuneFor(ClientAdapter.Tuning.DEFAULTS);
                client.prepare(endpoint, "cold-" + label + "-" + ProcessHandle.current().pid() + "-" + i);
                long start = System.nanoTime();
                if (i == 0) {
                    line.append(' ').append((start - built) / 1000);
                }
                client.connect();
                long micros = (System.nanoTime() - start) / 1000;
                line.append(' ').append(micros);
            }
        }
        System.out.println(line);
        System.exit(0);
    }
}
