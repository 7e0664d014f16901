package dev.mqtt5.bench.workload;

import dev.mqtt5.bench.clients.ClientAdapter;
import dev.mqtt5.bench.clients.Clients;
import dev.mqtt5.bench.clients.Endpoint;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Workload 2: publish-to-receive latency through mosquitto at a fixed rate. One connection per
 * client subscribes to its own topic and publishes to it; message i is scheduled at
 * {@code start + i / rate} and carries i, and its latency is receive time minus scheduled time
 * (not send time), so a client or harness that falls behind is charged for it (no coordinated
 * omission). Recorded in an HdrHistogram; the first half second of each round (a fresh connection) is not recorded.
 */
public final class LatencyWorkload {

    private static final double[] PERCENTILES = {50, 99, 99.9};
    /**
     * Before the measured rounds each client runs the same path at five times the rate, so that
     * the JIT has compiled it (1,500 messages left JVM clients compiling during them), in several
     * short rounds, each on a fresh connection like a measured round: code that runs once per
     * connection (connect, subscribe, the first packet of each kind) is then profiled too. With
     * one long warm-up round, the first measured rounds of JVM clients met it for the second
     * time, after the JIT had compiled the hot path assuming it never runs: deoptimization and
     * tens of milliseconds of recompilation on the client's one core inside the measured rounds
     * (seen with JFR, for ours as for the peers).
     */
    private static final int WARM_UP_ROUNDS = 4;
    private static final double WARM_UP_ROUND_SECONDS = 0.5;
    private static final int WARM_UP_RATE_FACTOR = 5;
    /** {@code -Dbench.trace=true}: prints when each round starts (to line rounds up with a JFR recording). */
    private static final boolean TRACE = Boolean.getBoolean("bench.trace");

    private final int rounds;
    private final double roundSeconds;
    private final int rate;

    public LatencyWorkload(int rounds, double roundSeconds, int rate) {
        this.rounds = rounds;
        this.roundSeconds = roundSeconds;
        this.rate = rate;
    }

    public void run(List<Clients> clients, int mosquittoPort, Results results) throws Exception {
        for (int qos = 0; qos <= 1; qos++) {
            String cell = "latency QoS " + qos + " @" + rate + "/s";
            System.out.println(cell);
            Map<Clients, List<double[]>> perRound = new LinkedHashMap<>();
            Map<Clients, Long> lost = new LinkedHashMap<>();
            for (Clients c : clients) {
                perRound.put(c, new ArrayList<>());
                lost.put(c, 0L);
                for (int w = 0; w < WARM_UP_ROUNDS; w++) {
                    measure(c, mosquittoPort, qos, WARM_UP_ROUND_SECONDS, "w" + w, rate * WARM_UP_RATE_FACTOR);
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (Clients c : clients) {
                    double[] m = measure(c, mosquittoPort, qos, roundSeconds, String.valueOf(r), rate);
                    perRound.get(c).add(m);
                    lost.put(c, lost.get(c) + (long) m[3]);
                }
            }
            for (int p = 0; p < PERCENTILES.length; p++) {
                for (Clients c : clients) {
                    List<Double> values = new ArrayList<>();
                    for (double[] m : perRound.get(c)) {
                        values.add(m[p]);
                    }
                    results.add(cell + " p" + trim(PERCENTILES[p]), c.label(), values, "us");
                }
            }
            for (Clients c : clients) {
                if (lost.get(c) > 0) {
                    System.out.println("  " + c.label() + " lost " + lost.get(c) + " messages");
                }
            }
        }
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    /** One round on a fresh connection: {p50, p99, p99.9 in microseconds, messages lost}. */
    private double[] measure(Clients kind, int port, int qos, double seconds, String round, int rate) throws Exception {
        int total = (int) (seconds * rate);
        int skip = Math.min(rate / 2, total / 4);
        long periodNanos = 1_000_000_000L / rate;
        Histogram histogram = new SynchronizedHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong received = new AtomicLong();
        long[] startHolder = new long[1];
        String topic = "bench/latency/" + kind.label() + "/" + qos + "/" + round;
        if (TRACE) {
            System.out.println("  round " + round + " " + kind.label() + " starts " + java.time.Instant.now());
        }
        try (ClientAdapter client = kind.create()) {
            client.tuneFor(ClientAdapter.Tuning.LATENCY);
            client.prepare(Endpoint.tcp(port), "lat-" + kind.label() + "-" + qos + "-" + round);
            client.connect();
            client.subscribe(topic, qos, payload -> {
                long now = System.nanoTime();
                long i = ByteBuffer.wrap(payload).getLong();
                if (i >= skip) {
                    histogram.recordValue(Math.max(0, now - (startHolder[0] + i * periodNanos)));
                }
                received.incrementAndGet();
            });
            byte[][] payloads = new byte[total][];
            for (int i = 0; i < total; i++) {
                payloads[i] = ByteBuffer.allocate(64).putLong(i).array();
            }
            long start = System.nanoTime() + 10_000_000L;
            startHolder[0] = start;
            for (int i = 0; i < total; i++) {
                long due = start + i * periodNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                client.publish(topic, payloads[i], qos);
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (received.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        return new double[] {
            histogram.getValueAtPercentile(50) / 1e3,
            histogram.getValueAtPercentile(99) / 1e3,
            histogram.getValueAtPercentile(99.9) / 1e3,
            total - received.get()};
    }
}
