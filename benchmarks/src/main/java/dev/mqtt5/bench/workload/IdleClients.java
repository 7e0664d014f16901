package dev.mqtt5.bench.workload;

import dev.mqtt5.bench.clients.ClientAdapter;
import dev.mqtt5.bench.clients.Clients;
import dev.mqtt5.bench.clients.Endpoint;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Workload 3, run in a fresh JVM per client library: connect one client (class loading, event
 * loops, pools), take a baseline, connect {@code count} more to mosquitto and keep them idle, take
 * the figures again (heap: in use after a full collection, Serial GC); prints per-client deltas of heap after GC, direct memory (JDK buffer pools +
 * Netty's own counter), aws-crt's tracked native memory (with {@code -Daws.crt.memory.tracing=1}),
 * RSS, and threads, as one line: {@code IDLE heap direct native rss threads} (bytes, threads).
 *
 * <p>Usage: {@code IdleClients <client> <count> <port>}.
 */
public final class IdleClients {

    private IdleClients() {
    }

    public static void main(String[] args) throws Exception {
        Clients kind = Clients.byLabel(args[0]);
        int count = Integer.parseInt(args[1]);
        Endpoint endpoint = Endpoint.tcp(Integer.parseInt(args[2]));
        List<ClientAdapter> clients = new ArrayList<>();
        // Client ids of one length (idle-ours-00000, ...), the first one's included: every CONNECT is the same
        // size, so the buffer allocator's size classes in use are those of the baseline, as in a fleet whose ids
        // have one format (with ids of other lengths the first CONNECT of a new size class adds an allocator chunk
        // after the baseline, counted as if per client).
        clients.add(connect(kind, endpoint, String.format(Locale.ROOT, "idle-%s-%05d", kind.label(), 99_999)));
        Thread.sleep(500);
        double[] before = snapshot(kind);
        java.util.Map<String, long[]> histogramBefore = histogram();
        // Connected 16 at a time: Paho takes about 0.3 s per connect here.
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<ClientAdapter>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.format(Locale.ROOT, "idle-%s-%05d", kind.label(), i);
            pending.add(pool.submit(() -> connect(kind, endpoint, id)));
        }
        for (Future<ClientAdapter> f : pending) {
            clients.add(f.get());
        }
        pending.clear(); // the harness's own futures are not the clients' memory
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        Thread.sleep(2000);
        double[] after = snapshot(kind);
        printHistogramDelta(histogramBefore, histogram(), count);
        System.out.printf(Locale.ROOT, "IDLE %.1f %.1f %.1f %.1f %.3f%n", (after[0] - before[0]) / count,
                (after[1] - before[1]) / count, (after[2] - before[2]) / count, (after[3] - before[3]) / count,
                (after[4] - before[4]) / count);
        System.out.flush();
        // Exit without closing the clients one by one (Paho takes about 0.2 s per disconnect); the
        // process exit closes every socket.
        System.exit(0);
    }

    private static ClientAdapter connect(Clients kind, Endpoint endpoint, String id) throws Exception {
        ClientAdapter client = kind.create();
        client.prepare(endpoint, id);
        client.connect();
        return client;
    }

    /** With -Dbench.idle.histogram=true: the class histogram (jcmd GC.class_histogram) of this JVM, else empty. */
    private static java.util.Map<String, long[]> histogram() throws Exception {
        java.util.Map<String, long[]> classes = new java.util.HashMap<>();
        if (!Boolean.getBoolean("bench.idle.histogram")) {
            return classes;
        }
        Process p = new ProcessBuilder("jcmd", String.valueOf(ProcessHandle.current().pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        p.waitFor();
        return classes;
    }

    private static void printHistogramDelta(java.util.Map<String, long[]> before, java.util.Map<String, long[]> after,
            int count) {
        after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), new long[] {
                    e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                    e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(Integer.getInteger("bench.idle.histogram.rows", 25))
                .forEach(e -> System.out.printf(Locale.ROOT, "HISTO %8.1f B/client %6.2f objects/client %s%n",
                        (double) e.getValue()[1] / count, (double) e.getValue()[0] / count, e.getKey()));
    }

    /** {heap used after GC, direct, native (aws-crt), RSS, threads}. */
    private static double[] snapshot(Clients kind) throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        double heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                heap += pool.getCollectionUsage().getUsed();
            }
        }
        double direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct += pool.getMemoryUsed();
            }
        }
        direct += io.netty.util.internal.PlatformDependent.usedDirectMemory() > 0
                ? io.netty.util.internal.PlatformDependent.usedDirectMemory() : 0;
        double nativeBytes = kind == Clients.AWS_CRT ? software.amazon.awssdk.crt.CRT.nativeMemory() : 0;
        double rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Double.parseDouble(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        double threads = ManagementFactory.getThreadMXBean().getThreadCount();
        return new double[] {heap, direct, nativeBytes, rss, threads};
    }
}
