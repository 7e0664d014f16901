package dev.mqtt5.bench.workload;

import dev.mqtt5.bench.clients.ClientAdapter;
import dev.mqtt5.bench.clients.Clients;
import dev.mqtt5.bench.clients.Endpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Workload 4: connect time against mosquitto, from the call that starts the connection (client
 * object already built) to the client reporting the CONNACK processed, over TCP and over TLS
 * (TLS 1.3, P-256 certificate, full handshake, no resumption); and time to first delivered
 * message: connect, subscribe, publish QoS 1 to that subscription, until the message is handed to
 * the application. These run while another client of the same library stays connected, so
 * shared resources (event loops, pools) are warm, as in an application; "no other client"
 * repeats the TCP connect with it the only client in the JVM (a library that releases its shared
 * event loop group with its last client pays for a new one). Each round takes the median of {@code perRound} fresh connections per client;
 * clients interleave round by round. Before the rounds each client warms up with fresh
 * connections of every kind, so that JVM clients are measured compiled, as in a long-running
 * service, not interpreted; the first connections of a JVM are slower for every Java client, and
 * are not what this reports. Code that runs once per connection reaches the JIT's top tier only
 * after thousands of connections (measured: our client and a bare Netty client keep getting
 * faster until about 15,000 TCP connections; aws-crt, native, is flat from the start), so the TCP
 * warm-up is {@link #TCP_WARM_UP_CONNECTIONS} connections or {@link #TCP_WARM_UP_SECONDS}, whichever
 * ends first; TLS and first-message connections, which are not targets, warm up for
 * {@link #WARM_UP_SECONDS} (at most {@link #WARM_UP_CONNECTIONS}).
 */
public final class ConnectWorkload {

    private static final double WARM_UP_SECONDS = 1.0;
    private static final int WARM_UP_CONNECTIONS = 2000;
    private static final double TCP_WARM_UP_SECONDS = 4.0;
    private static final int TCP_WARM_UP_CONNECTIONS = 15_000;

    private final int rounds;
    private final int perRound;

    public ConnectWorkload(int rounds, int perRound) {
        this.rounds = rounds;
        this.perRound = perRound;
    }

    public void run(List<Clients> clients, Endpoint tcp, Endpoint tls, Results results) throws Exception {
        String[] cells = {"connect TCP", "connect TLS", "first message TCP", "connect TCP, no other client"};
        Map<String, Map<Clients, List<Double>>> values = new LinkedHashMap<>();
        for (String cell : cells) {
            values.put(cell, new LinkedHashMap<>());
            for (Clients c : clients) {
                values.get(cell).put(c, new ArrayList<>());
            }
        }
        System.out.println("connect");
        for (Clients c : clients) {
            try (ClientAdapter other = c.create()) {
                other.prepare(tcp, "cn-" + c.label() + "-other-w");
                other.connect();
                warmUp(c, tcp, false, TCP_WARM_UP_SECONDS, TCP_WARM_UP_CONNECTIONS);
                warmUp(c, tls, false, WARM_UP_SECONDS, WARM_UP_CONNECTIONS);
                warmUp(c, tcp, true, WARM_UP_SECONDS, WARM_UP_CONNECTIONS);
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (Clients c : clients) {
                double cold = round(c, tcp, false, r);
                double[] m;
                try (ClientAdapter other = c.create()) {
                    other.prepare(tcp, "cn-" + c.label() + "-other-" + r);
                    other.connect();
                    m = new double[] {round(c, tcp, false, r), round(c, tls, false, r), round(c, tcp, true, r), cold};
                }
                for (int i = 0; i < cells.length; i++) {
                    values.get(cells[i]).get(c).add(m[i]);
                }
            }
        }
        for (String cell : cells) {
            for (Clients c : clients) {
                results.add(cell, c.label(), values.get(cell).get(c), "ms");
            }
        }
    }

    /** Connects fresh clients for up to the given time and count; nothing is recorded. */
    private void warmUp(Clients kind, Endpoint endpoint, boolean firstMessage, double seconds, int connections)
            throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; i < connections && System.nanoTime() < deadline; i++) {
            connectOnce(kind, endpoint, firstMessage, "w-" + i);
        }
    }

    /** The median time in milliseconds of {@code perRound} connections. */
    private double round(Clients kind, Endpoint endpoint, boolean firstMessage, int round) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < perRound; i++) {
            times.add(connectOnce(kind, endpoint, firstMessage, round + "-" + i));
        }
        Collections.sort(times);
        return Results.median(times);
    }

    /** One fresh client: the time in milliseconds to connected (or to the first message delivered). */
    private static double connectOnce(Clients kind, Endpoint endpoint, boolean firstMessage, String suffix)
            throws Exception {
        String id = "cn-" + kind.label() + "-" + (endpoint.tls() ? "s" : "t") + (firstMessage ? "m" : "c") + "-" + suffix;
        try (ClientAdapter client = kind.create()) {
            client.prepare(endpoint, id);
            CompletableFuture<Long> delivered = new CompletableFuture<>();
            long start = System.nanoTime();
            client.connect();
            if (!firstMessage) {
                return (System.nanoTime() - start) / 1e6;
            }
            client.subscribe("bench/first/" + id, 1, payload -> delivered.complete(System.nanoTime()));
            client.publish("bench/first/" + id, new byte[64], 1);
            client.flush();
            return (delivered.get(20, TimeUnit.SECONDS) - start) / 1e6;
        }
    }
}
