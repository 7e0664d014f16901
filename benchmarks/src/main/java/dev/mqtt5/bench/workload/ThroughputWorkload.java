package dev.mqtt5.bench.workload;

import dev.mqtt5.bench.clients.ClientAdapter;
import dev.mqtt5.bench.clients.Clients;
import dev.mqtt5.bench.clients.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Workload 1: one client publishes as fast as it will for a fixed time to the sink, at most
 * {@link ClientAdapter#maxOutstanding} publishes outstanding (not yet completed); then one QoS 1
 * publish whose PUBACK proves the sink has read everything before it. The figure is
 * messages / (time to that PUBACK). Each client keeps one connection for the whole workload; cells
 * are run client after client (A B C D E A B C D E ...), one warm-up round first. Also reports
 * per message, for the whole client JVM during a round: heap bytes allocated (all threads), CPU
 * time (user + system) and context switches (all live threads, from /proc) as diagnostics.
 */
public final class ThroughputWorkload {

    private static final String TOPIC = "bench/throughput";

    private final int rounds;
    private final long roundNanos;
    private final long warmupNanos;

    public ThroughputWorkload(int rounds, double roundSeconds, double warmupSeconds) {
        this.rounds = rounds;
        this.roundNanos = (long) (roundSeconds * 1e9);
        this.warmupNanos = (long) (warmupSeconds * 1e9);
    }

    public void run(List<Clients> clients, int sinkPort, Results results) throws Exception {
        Map<Clients, ClientAdapter> connected = new LinkedHashMap<>();
        try {
            for (Clients c : clients) {
                ClientAdapter adapter = c.create();
                adapter.tuneFor(ClientAdapter.Tuning.THROUGHPUT);
                adapter.prepare(Endpoint.tcp(sinkPort), "tp-" + c.label());
                adapter.connect();
                adapter.batchWrites(true);
                connected.put(c, adapter);
            }
            for (int qos = 0; qos <= 1; qos++) {
                for (int size : new int[] {64, 16 * 1024}) {
                    String cell = "throughput QoS " + qos + " " + (size == 64 ? "64 B" : "16 KiB");
                    System.out.println(cell);
                    byte[] payload = new byte[size];
                    Map<Clients, List<Double>> rates = new LinkedHashMap<>();
                    Map<Clients, List<Double>> bytesPerMessage = new LinkedHashMap<>();
                    Map<Clients, List<Double>> cpuPerMessage = new LinkedHashMap<>();
                    Map<Clients, List<Double>> switchesPerMessage = new LinkedHashMap<>();
                    for (var e : connected.entrySet()) {
                        measure(e.getValue(), qos, payload, warmupNanos);
                        rates.put(e.getKey(), new ArrayList<>());
                        bytesPerMessage.put(e.getKey(), new ArrayList<>());
                        cpuPerMessage.put(e.getKey(), new ArrayList<>());
                        switchesPerMessage.put(e.getKey(), new ArrayList<>());
                    }
                    for (int r = 0; r < rounds; r++) {
                        for (var e : connected.entrySet()) {
                            double[] m = measure(e.getValue(), qos, payload, roundNanos);
                            rates.get(e.getKey()).add(m[0]);
                            bytesPerMessage.get(e.getKey()).add(m[1]);
                            cpuPerMessage.get(e.getKey()).add(m[2]);
                            switchesPerMessage.get(e.getKey()).add(m[3]);
                        }
                    }
                    for (Clients c : connected.keySet()) {
                        results.add(cell, c.label(), rates.get(c), "msg/s");
                    }
                    for (Clients c : connected.keySet()) {
                        results.add(cell + " alloc", c.label(), bytesPerMessage.get(c), "B/msg");
                    }
                    for (Clients c : connected.keySet()) {
                        results.add(cell + " client CPU", c.label(), cpuPerMessage.get(c), "us/msg");
                    }
                    for (Clients c : connected.keySet()) {
                        results.add(cell + " context switches", c.label(), switchesPerMessage.get(c), "/msg");
                    }
                }
            }
        } finally {
            for (ClientAdapter a : connected.values()) {
                try {
                    a.close();
                } catch (Exception e) {
                    System.err.println("closing " + a.name() + ": " + e);
                }
            }
        }
    }

    /** One timed run: {messages/s, heap bytes allocated, CPU microseconds, context switches; per message}. */
    private static double[] measure(ClientAdapter client, int qos, byte[] payload, long nanos) throws Exception {
        Semaphore window = new Semaphore(client.maxOutstanding(qos));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        System.gc();
        long allocatedBefore = Allocation.allocatedBytes();
        long switchesBefore = Allocation.contextSwitches();
        long cpuBefore = Allocation.processCpuNanos();
        long start = System.nanoTime();
        long deadline = start + nanos;
        long count = 0;
        while ((count & 63) != 0 || System.nanoTime() < deadline) {
            if (!window.tryAcquire()) {
                client.flush();
                window.acquire();
            }
            client.publish(TOPIC, payload, qos).whenComplete((ok, error) -> {
                window.release();
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
            count++;
        }
        var fence = client.publish(TOPIC, payload, 1);
        client.flush();
        fence.get(60, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        long cpu = Allocation.processCpuNanos() - cpuBefore;
        long switches = Allocation.contextSwitches() - switchesBefore;
        long allocated = Allocation.allocatedBytes() - allocatedBefore;
        if (failure.get() != null) {
            throw new IllegalStateException(client.name() + " failed a publish", failure.get());
        }
        // Let the last completions run before the next client starts.
        if (!window.tryAcquire(client.maxOutstanding(qos), 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(client.name() + " left publishes incomplete after the fence PUBACK");
        }
        long n = count + 1;
        return new double[] {n * 1e9 / elapsed, (double) allocated / n, cpu / 1e3 / n, (double) switches / n};
    }
}
