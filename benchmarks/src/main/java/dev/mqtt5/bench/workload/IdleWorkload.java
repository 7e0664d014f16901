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
        for (int r = 0; r < rounds; r++) {
            for (Clients c : clients) {
                if (c != Clients.RAW) {
                    values.computeIfAbsent(c, k -> new ArrayList<>()).add(fork(c, mosquittoPort));
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
    }

    private double[] fork(Clients c, int port) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx512m", "-XX:+UseSerialGC", "-Daws.crt.memory.tracing=1", "-cp",
                System.getProperty("java.class.path"), IdleClients.class.getName(), c.label(),
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
