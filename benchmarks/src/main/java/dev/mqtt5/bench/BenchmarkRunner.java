package dev.mqtt5.bench;

import dev.mqtt5.bench.broker.MosquittoProcess;
import dev.mqtt5.bench.broker.Pinning;
import dev.mqtt5.bench.broker.SinkProcess;
import dev.mqtt5.bench.clients.Clients;
import dev.mqtt5.bench.clients.Endpoint;
import dev.mqtt5.bench.workload.ColdConnectWorkload;
import dev.mqtt5.bench.workload.ConnectWorkload;
import dev.mqtt5.bench.workload.EncodeAllocationWorkload;
import dev.mqtt5.bench.workload.IdleWorkload;
import dev.mqtt5.bench.workload.LatencyWorkload;
import dev.mqtt5.bench.spring.SpringContenders;
import dev.mqtt5.bench.workload.Results;
import dev.mqtt5.bench.workload.SpringWorkload;
import dev.mqtt5.bench.workload.ThroughputWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs the workloads, every client in the same JVM run, interleaved, and writes
 * {@code results.tsv} and the markdown table {@code results.md} (see {@link Report}).
 *
 * <p>Options: {@code --out DIR} (default target/bench), {@code --only throughput,latency,connect,cold-connect,idle,encode,spring}
 * (default: all but spring),
 * {@code --clients ours,aws-crt,hivemq,paho,raw-socket},
 * {@code --contenders ours-template,ours-si,si-paho,bare-client} (the Spring workload's), {@code --quick} (short development runs).
 */
public final class BenchmarkRunner {

    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("target/bench");
        Set<String> only = Set.of("throughput", "latency", "connect", "cold-connect", "idle", "encode");
        List<Clients> clients = Arrays.asList(Clients.values());
        List<SpringContenders> contenders = Arrays.asList(SpringContenders.values());
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--only" -> only = Set.of(args[++i].split(","));
                case "--clients" -> {
                    List<Clients> chosen = new ArrayList<>();
                    for (String label : args[++i].split(",")) {
                        chosen.add(Clients.byLabel(label));
                    }
                    clients = chosen;
                }
                case "--contenders" -> {
                    List<SpringContenders> chosen = new ArrayList<>();
                    for (String label : args[++i].split(",")) {
                        chosen.add(SpringContenders.byLabel(label));
                    }
                    contenders = chosen;
                }
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        boolean shortRuns = quick;
        List<Clients> chosenClients = clients;
        List<SpringContenders> chosenContenders = contenders;
        Files.createDirectories(out);
        Path tsv = out.resolve("results.tsv");
        Files.deleteIfExists(tsv);
        Results results = new Results(tsv);
        System.out.println("clients " + clients + ", " + Pinning.describe() + ", client JVM availableProcessors "
                + Runtime.getRuntime().availableProcessors());
        long started = System.nanoTime();
        if (only.contains("throughput")) {
            try (SinkProcess sink = new SinkProcess()) {
                timed("throughput", () -> new ThroughputWorkload(shortRuns ? 1 : 3, shortRuns ? 1 : 1.5, shortRuns ? 0.5 : 3)
                        .run(chosenClients, sink.port(), results));
            }
        }
        if (only.contains("latency") || only.contains("connect") || only.contains("cold-connect") || only.contains("idle")) {
            try (MosquittoProcess mosquitto = new MosquittoProcess()) {
                if (only.contains("latency")) {
                    timed("latency", () -> new LatencyWorkload(shortRuns ? 1 : 5, shortRuns ? 2 : 2.5, 1000)
                            .run(chosenClients, mosquitto.tcpPort(), results));
                }
                if (only.contains("connect")) {
                    Endpoint tcp = Endpoint.tcp(mosquitto.tcpPort());
                    Endpoint tls = Endpoint.tls(mosquitto.tlsPort(), mosquitto.certificatePem(), mosquitto.certificate());
                    timed("connect", () -> new ConnectWorkload(shortRuns ? 1 : 3, shortRuns ? 3 : 10).run(chosenClients, tcp, tls, results));
                }
                if (only.contains("cold-connect")) {
                    timed("cold-connect", () -> new ColdConnectWorkload(shortRuns ? 2 : 5)
                            .run(chosenClients, mosquitto.tcpPort(), results));
                }
                if (only.contains("idle")) {
                    timed("idle", () -> new IdleWorkload(shortRuns ? 1 : 2, shortRuns ? 200 : 1000).run(chosenClients, mosquitto.tcpPort(), results));
                }
            }
        }
        if (only.contains("spring")) {
            try (MosquittoProcess mosquitto = new MosquittoProcess()) {
                timed("spring", () -> new SpringWorkload(shortRuns ? 1 : 3, shortRuns ? 0.5 : 1.5, shortRuns ? 1 : 2.5, 1000)
                        .run(chosenContenders, mosquitto.tcpPort(), results));
            }
        }
        if (only.contains("encode")) {
            timed("encode", () -> new EncodeAllocationWorkload(shortRuns ? 2 : 3).run(results));
        }
        System.out.printf("all workloads: %.0f s%n", (System.nanoTime() - started) / 1e9);
        Report.write(tsv, out.resolve("results.md"));
        System.out.println(Files.readString(out.resolve("results.md")));
        System.exit(0);
    }

    private interface Workload {
        void run() throws Exception;
    }

    private static void timed(String name, Workload workload) throws Exception {
        long start = System.nanoTime();
        long[] cpuBefore = cpuTicks();
        workload.run();
        long[] cpuAfter = cpuTicks();
        String steal = "";
        if (cpuBefore != null && cpuAfter != null && cpuAfter[0] > cpuBefore[0]) {
            // Time the hypervisor gave this machine's CPUs to someone else: a noisy neighbour shows here.
            steal = String.format(" (CPU steal by the host: %.1f %%)",
                    100.0 * (cpuAfter[1] - cpuBefore[1]) / (cpuAfter[0] - cpuBefore[0]));
        }
        System.out.printf("workload %s took %.0f s%s%n", name, (System.nanoTime() - start) / 1e9, steal);
    }

    /** {total, steal} jiffies of all CPUs from /proc/stat, or null where there is none. */
    private static long[] cpuTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {total, fields.length > 8 ? Long.parseLong(fields[8]) : 0};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
