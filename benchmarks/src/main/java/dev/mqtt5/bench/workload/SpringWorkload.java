package dev.mqtt5.bench.workload;

import dev.mqtt5.bench.spring.Deliveries;
import dev.mqtt5.bench.spring.SpringContender;
import dev.mqtt5.bench.spring.SpringContenders;
import dev.mqtt5.bench.spring.Telemetry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Workload 6 (issue 17): the Spring layers, through mosquitto. Each contender (see
 * {@link SpringContenders}) runs in an application context of its own, started, measured and
 * closed before the next one starts; contenders interleaved round by round (A B C D A B C D ...),
 * a shorter warm-up round first, not recorded. Per round and contender: one context for the
 * throughput cells (QoS 0 and 1, 64 B and 1 KiB of JSON), then a fresh one for the latency cells
 * (QoS 0 and 1 at a fixed rate), so a library with separate latency settings gets them.
 * <ul>
 * <li>Throughput: records sent as fast as the contender takes them, at most
 *   {@link SpringContender#maxOutstanding} sent and not yet delivered to the listener; the figure
 *   is records delivered to the listener / time from the first send to the last delivery. Per
 *   delivered record, for the whole JVM: heap allocated ({@link HeapAllocation}, which counts
 *   threads that ended during the cell) and CPU time; and the records never delivered (none arrived
 *   for 2 s after the last send, at most 10 s), which the rate does not count.</li>
 * <li>Latency: record i is scheduled at start + i / rate and carries i; latency = listener entry
 *   minus scheduled time (no coordinated omission), HdrHistogram, the first half second not recorded.</li>
 * <li>Threads started per minute of measuring (ThreadMXBean total started count), per context.</li>
 * </ul>
 */
public final class SpringWorkload {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int[] SIZES = {64, 1024};

    private final int rounds;
    private final double throughputSeconds;
    private final double latencySeconds;
    private final int rate;
    private final Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    public SpringWorkload(int rounds, double throughputSeconds, double latencySeconds, int rate) {
        this.rounds = rounds;
        this.throughputSeconds = throughputSeconds;
        this.latencySeconds = latencySeconds;
        this.rate = rate;
    }

    public void run(List<SpringContenders> contenders, int mosquittoPort, Results results) throws Exception {
        for (int r = -1; r < rounds; r++) {
            boolean warmUp = r < 0;
            double scale = warmUp ? 0.5 : 1;
            for (SpringContenders c : contenders) {
                String id = c.label() + "-" + (warmUp ? "w" : String.valueOf(r));
                runContext(c, false, mosquittoPort, id, warmUp, scale);
                runContext(c, true, mosquittoPort, id, warmUp, scale);
            }
            System.out.println("  spring round " + (warmUp ? "warm-up" : String.valueOf(r)) + " done");
        }
        for (var metric : values.entrySet()) {
            for (var perContender : metric.getValue().entrySet()) {
                results.add(metric.getKey(), perContender.getKey(), perContender.getValue(), units.get(metric.getKey()));
            }
        }
    }

    private void runContext(SpringContenders kind, boolean latency, int port, String id, boolean warmUp, double scale)
            throws Exception {
        Deliveries deliveries = new Deliveries();
        String phase = latency ? "lat" : "tp";
        try (SpringContender contender = kind.create(latency)) {
            contender.start(port, "sb-" + phase + "-" + id, "bench/spring/" + phase + "/" + id, deliveries);
            probe(contender, deliveries, kind);
            long threadsBefore = THREADS.getTotalStartedThreadCount();
            long start = System.nanoTime();
            for (int qos = 0; qos <= 1; qos++) {
                if (latency) {
                    double[] m = latency(contender, deliveries, qos, latencySeconds * scale);
                    String cell = "spring latency QoS " + qos + " @" + rate + "/s";
                    record(warmUp, cell + " p50", kind, m[0], "us");
                    record(warmUp, cell + " p99", kind, m[1], "us");
                    record(warmUp, cell + " p99.9", kind, m[2], "us");
                    if (m[3] > 0) {
                        System.out.println("  " + kind.label() + " lost " + (long) m[3] + " records at QoS " + qos);
                    }
                    continue;
                }
                for (int size : SIZES) {
                    double[] m = throughput(kind, contender, deliveries, qos, size, throughputSeconds * scale);
                    String cell = "spring throughput QoS " + qos + " " + (size == 64 ? "64 B" : "1 KiB");
                    record(warmUp, cell, kind, m[0], "msg/s");
                    record(warmUp, cell + " alloc", kind, m[1], "B/msg");
                    record(warmUp, cell + " CPU", kind, m[2], "us/msg");
                    record(warmUp, cell + " not delivered", kind, m[3], "msg");
                    record(warmUp, cell + " context switches", kind, m[4], "/msg");
                }
            }
            double minutes = (System.nanoTime() - start) / 60e9;
            record(warmUp, "spring " + (latency ? "latency" : "throughput") + " threads started", kind,
                    (THREADS.getTotalStartedThreadCount() - threadsBefore) / minutes, "/min");
        }
    }

    private void record(boolean warmUp, String metric, SpringContenders kind, double value, String unit) {
        if (!warmUp) {
            units.put(metric, unit);
            values.computeIfAbsent(metric, k -> new LinkedHashMap<>()).computeIfAbsent(kind.label(), k -> new ArrayList<>())
                    .add(value);
        }
    }

    /** Sends probe records at QoS 1 until one reaches the listener: the subscription works end to end. */
    private static void probe(SpringContender contender, Deliveries deliveries, SpringContenders kind) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Telemetry probe = new Telemetry("probe", -1, 0, "");
        while (!deliveries.probed()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(kind.label() + ": no probe record reached the listener in 20 s");
            }
            contender.send(probe, 1);
            Thread.sleep(20);
        }
        Thread.sleep(50);
    }

    /**
     * {records delivered per second, heap bytes and CPU microseconds per delivered record, records
     * not delivered, context switches of all the JVM's threads per delivered record}.
     */
    private static double[] throughput(SpringContenders kind, SpringContender contender, Deliveries deliveries, int qos, int size,
            double seconds) throws Exception {
        Semaphore window = new Semaphore(contender.maxOutstanding(qos));
        AtomicLong delivered = new AtomicLong();
        AtomicLong lastDelivery = new AtomicLong();
        deliveries.handler((seq, now) -> {
            lastDelivery.set(now);
            delivered.incrementAndGet();
            window.release();
        });
        String pad = Telemetry.padFor(size);
        System.gc();
        Thread.sleep(50); // GC notifications arrive on a service thread
        long allocatedBefore = HeapAllocation.bytes();
        long cpuBefore = Allocation.processCpuNanos();
        long switchesBefore = Allocation.contextSwitches();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long sent = 0;
        while (System.nanoTime() < deadline) {
            if (!window.tryAcquire(10, TimeUnit.SECONDS)) {
                System.out.println("  " + kind.label() + ": window never reopened, " + (sent - delivered.get())
                        + " records outstanding");
                break;
            }
            contender.send(new Telemetry("bench-1", Telemetry.FIRST_SEQ + sent, 21.5, pad), qos);
            sent++;
        }
        // The stragglers: until all are delivered, or 2 s pass with none arriving (at most 10 s).
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long seen = delivered.get();
        long lastArrival = System.nanoTime();
        while (delivered.get() < sent && System.nanoTime() < waitUntil
                && System.nanoTime() - lastArrival < TimeUnit.SECONDS.toNanos(2)) {
            Thread.sleep(1);
            if (delivered.get() != seen) {
                seen = delivered.get();
                lastArrival = System.nanoTime();
            }
        }
        long n = delivered.get();
        long cpu = Allocation.processCpuNanos() - cpuBefore;
        long switches = Allocation.contextSwitches() - switchesBefore;
        Thread.sleep(20); // the notification of a collection that has just ended
        long allocated = HeapAllocation.bytes() - allocatedBefore;
        deliveries.handler((seq, now) -> { });
        if (n < sent) {
            System.out.println("  " + kind.label() + ": " + (sent - n) + " of " + sent + " records not delivered at QoS "
                    + qos + ", " + size + " B");
        }
        return new double[] {n * 1e9 / (lastDelivery.get() - start), (double) allocated / n, cpu / 1e3 / n, sent - n,
            (double) switches / n};
    }

    /** {p50, p99, p99.9 in microseconds, records lost}. */
    private double[] latency(SpringContender contender, Deliveries deliveries, int qos, double seconds) throws Exception {
        int total = (int) (seconds * rate);
        int skip = Math.min(rate / 2, total / 4);
        long period = 1_000_000_000L / rate;
        Histogram histogram = new SynchronizedHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong received = new AtomicLong();
        long start = System.nanoTime() + 10_000_000L;
        deliveries.handler((seq, now) -> {
            long i = seq - Telemetry.FIRST_SEQ;
            if (i >= skip) {
                histogram.recordValue(Math.max(0, now - (start + i * period)));
            }
            received.incrementAndGet();
        });
        String pad = Telemetry.padFor(64);
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            contender.send(new Telemetry("bench-1", Telemetry.FIRST_SEQ + i, 21.5, pad), qos);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (received.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        deliveries.handler((seq, now) -> { });
        return new double[] {histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
            histogram.getValueAtPercentile(99.9) / 1e3, total - received.get()};
    }
}
