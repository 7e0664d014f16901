package dev.mqtt5.bench.workload;

import dev.mqtt5.bench.clients.Clients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Workload 4b: connecting from a cold JVM, which is what a service pays at startup (workload 4
 * measures connects after a long warm-up). Each round starts one fresh JVM per client (same
 * classpath, same CPU pinning, interleaved), which builds and connects {@value #CONNECTS} fresh
 * clients one after the other against mosquitto ({@link ColdConnectProbe}; fewer, at least 10, if
 * {@value #SECONDS} s run out first, which only Paho's 200 ms connect does). Per client it reports
 * the first connect, the median of the JVM's connects (what a JVM client pays while its connect
 * path still runs interpreted or C1-compiled: the outside harness's "median of a fresh JVM's first
 * connects"), and the first client's build (class loading included); the connect is timed from
 * the call that starts the connection to the CONNACK processed, as in workload 4.
 */
public final class ColdConnectWorkload {

    public static final int CONNECTS = 200;
    static final double SECONDS = 3;

    private final int rounds;

    public ColdConnectWorkload(int rounds) {
        this.rounds = rounds;
    }

    public void run(List<Clients> clients, int port, Results results) throws Exception {
        String[] cells = {"cold JVM: first connect", "cold JVM: median of first " + CONNECTS + " connects",
            "cold JVM: first client build"};
        Map<String, Map<Clients, List<Double>>> values = new LinkedHashMap<>();
        for (String cell : cells) {
            Map<Clients, List<Double>> perClient = new LinkedHashMap<>();
            clients.forEach(c -> perClient.put(c, new ArrayList<>()));
            values.put(cell, perClient);
        }
        System.out.println("cold connect");
        for (int r = 0; r < rounds; r++) {
            for (Clients c : clients) {
                List<Double> micros = probe(c, port);
                List<Double> connects = new ArrayList<>(micros.subList(1, micros.size()));
                values.get(cells[0]).get(c).add(connects.get(0) / 1e3);
                Collections.sort(connects);
                values.get(cells[1]).get(c).add(Results.median(connects) / 1e3);
                values.get(cells[2]).get(c).add(micros.get(0) / 1e3);
            }
        }
        for (String cell : cells) {
            for (Clients c : clients) {
                results.add(cell, c.label(), values.get(cell).get(c), "ms");
            }
        }
    }

    /**
     * Runs one fresh JVM: the first client's build time, then each connect time, in microseconds.
     * Its output goes to a file, so a probe that hangs is killed after 60 s instead of blocking the run.
     */
    private static List<Double> probe(Clients kind, int port) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Files.createTempFile("cold-connect-" + kind.label() + "-", ".log");
        try {
            Process p = new ProcessBuilder(java, "-Xms256m", "-Xmx256m", "-XX:+UseG1GC",
                    "-cp", System.getProperty("java.class.path"), ColdConnectProbe.class.getName(),
                    kind.label(), String.valueOf(port), String.valueOf(CONNECTS), String.valueOf(SECONDS))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean ended = p.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (!ended || p.exitValue() != 0) {
                throw new IllegalStateException("cold-connect probe for " + kind.label()
                        + (ended ? " failed: " : " did not end within 60 s: ") + output);
            }
            String line = output.lines().filter(l -> l.startsWith("cold ")).reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("no result from the probe: " + output));
            List<Double> micros = new ArrayList<>();
            for (String field : line.substring(5).trim().split(" ")) {
                micros.add(Double.parseDouble(field));
            }
            return micros;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
