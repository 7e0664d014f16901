package dev.mqtt5.bench.workload;

import dev.mqtt5.bench.clients.Clients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workload 3 driver: for each round and each library (not the raw baseline), one fresh JVM
 * running {@link IdleClients} with the same heap settings, against mosquitto; reports per-client
 * heap, direct, native, RSS and thread deltas.
 *
 * <p>Each library runs with the transport it brings: our client depends on Netty's native epoll
 * transport, HiveMQ's client uses it only when the application adds it (its separate
 * {@code hivemq-mqtt-client-epoll} module), so HiveMQ's JVM gets the class path without the epoll
 * jars, and once more with them for the row "HiveMQ with epoll".
 */
public final class IdleWorkload {

    private final int rounds;
    private final int count;

    public IdleWorkload(int rounds, int count) {
        this.rounds = rounds;
        this.count = count;
    }

    public void run(List<Clients> clients, int mosquittoPort, Results results) throws Exception {
        String[] metrics = {"heap", "direct", "native", "rss", "threads"};
        String[] units = {"B/client", "B/client", "B/client", "B/client", "threads/client"};
        Map<Clients, List<double[]>> values = new LinkedHashMap<>();
        System.out.println("idle " + count + " clients");
        List<double[]> hiveMqEpoll = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (Clients c : clients) {
                if (c != Clients.RAW) {
                    values.computeIfAbsent(c, k -> new ArrayList<>()).add(fork(c, mosquittoPort, c == Clients.OURS));
                }
                if (c == Clients.HIVEMQ) {
                    hiveMqEpoll.add(fork(c, mosquittoPort, true));
                }
            }
        }
        for (int m = 0; m < metrics.length; m++) {
            for (var e : values.entrySet()) {
                List<Double> v = new ArrayList<>();
                for (double[] d : e.getValue()) {
                    v.add(d[m]);
                }
                results.add("idle " + count + " " + metrics[m], e.getKey().label(), v, units[m]);
            }
        }
        if (!hiveMqEpoll.isEmpty()) {
            List<Double> heap = new ArrayList<>();
            for (double[] d : hiveMqEpoll) {
                heap.add(d[0]);
            }
            results.add("idle " + count + " heap, HiveMQ with its epoll module", Clients.HIVEMQ.label(), heap, "B/client");
        }
    }

    private double[] fork(Clients c, int port, boolean epoll) throws Exception {
        String classPath = System.getProperty("java.class.path");
        if (!epoll) {
            List<String> kept = new ArrayList<>();
            for (String entry : classPath.split(java.io.File.pathSeparator)) {
                if (!entry.contains("netty-transport-native-epoll") && !entry.contains("netty-transport-classes-epoll")) {
                    kept.add(entry);
                }
            }
            classPath = String.join(java.io.File.pathSeparator, kept);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx512m", "-XX:+UseSerialGC", "-Daws.crt.memory.tracing=1", "-cp",
                classPath, IdleClients.class.getName(), c.label(),
                String.valueOf(count), String.valueOf(port)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        double[] result = null;
        StringBuilder output = new StringBuilder();
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("IDLE ")) {
                String[] f = line.substring(5).trim().split(" ");
                result = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    result[i] = Double.parseDouble(f[i]);
                }
            } else if (output.length() < 4000) {
                output.append(line).append('\n');
            }
        }
        p.waitFor();
        if (result == null) {
            throw new IllegalStateException("idle run of " + c.label() + " failed:\n" + output);
        }
        return result;
    }
}
