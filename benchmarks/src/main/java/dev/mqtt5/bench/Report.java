package dev.mqtt5.bench;

import dev.mqtt5.bench.spring.SpringContenders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@code results.tsv} into markdown: one table (metric by client, median and min-max over
 * rounds), one for the Spring-level workload (metric by contender) and the targets with pass or fail and the figures they were judged on.
 */
public final class Report {

    private static final List<String> CLIENTS = List.of("ours", "aws-crt", "hivemq", "paho", "raw-socket");
    private static final List<String> PEERS = List.of("aws-crt", "hivemq", "paho");

    private record Value(double median, double min, double max, String unit) {
    }

    private final Map<String, Map<String, Value>> metrics = new LinkedHashMap<>();
    private final StringBuilder md = new StringBuilder();

    private Report(List<String> lines) {
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f.length >= 6) {
                metrics.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1],
                        new Value(Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]), f[5]));
            }
        }
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Path.of(args[1]));
    }

    public static void write(Path tsv, Path markdown) throws IOException {
        Report report = new Report(Files.readAllLines(tsv));
        report.table();
        report.targets();
        Files.writeString(markdown, report.md.toString());
    }

    private void table() {
        table(CLIENTS, false);
        table(SpringContenders.labels(), true);
        md.append("\nMedian over rounds, (min–max) in brackets.\n");
    }

    /** The client-level metrics, or the Spring-level ones (named "spring ...", workload 6), one column per contender. */
    private void table(List<String> columns, boolean spring) {
        List<Map.Entry<String, Map<String, Value>>> rows = metrics.entrySet().stream()
                .filter(e -> e.getKey().startsWith("spring ") == spring).toList();
        if (rows.isEmpty()) {
            return;
        }
        md.append(md.length() == 0 ? "" : "\n").append("| workload / metric | unit |");
        columns.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append("\n|---|---|").append("---:|".repeat(columns.size())).append('\n');
        for (var e : rows) {
            String unit = e.getValue().values().iterator().next().unit();
            md.append("| ").append(e.getKey()).append(" | ").append(unit).append(" |");
            for (String c : columns) {
                Value v = e.getValue().get(c);
                md.append(' ').append(v == null ? "" : v.min == v.max ? fmt(v.median)
                        : fmt(v.median) + " (" + fmt(v.min) + "–" + fmt(v.max) + ")").append(" |");
            }
            md.append('\n');
        }
    }

    private void targets() {
        if (metrics.keySet().stream().allMatch(m -> m.startsWith("spring "))) {
            return; // the targets are client-level
        }
        md.append("\n| target | figures | result |\n|---|---|---|\n");
        for (String qos : List.of("0", "1")) {
            String m = "throughput QoS " + qos + " 64 B";
            ratioTarget("QoS " + qos + " 64 B throughput ≥ 1.5× best peer", m, bestPeer(m, true), 1.5, true);
            ratioTarget("QoS " + qos + " 64 B throughput ≥ 0.5× raw socket", m, get(m, "raw-socket"), 0.5, true);
            String big = "throughput QoS " + qos + " 16 KiB";
            ratioTarget("QoS " + qos + " 16 KiB throughput ≥ 1.2× best peer", big, bestPeer(big, true), 1.2, true);
        }
        for (String qos : List.of("0", "1")) {
            String p99 = "latency QoS " + qos + " @1000/s p99";
            ratioTarget("QoS " + qos + " latency p99 ≤ best peer's", p99, bestPeer(p99, false), 1.0, false);
            String p50 = "latency QoS " + qos + " @1000/s p50";
            ratioTarget("QoS " + qos + " latency p50 ≤ 2× raw socket", p50, get(p50, "raw-socket"), 2.0, false);
        }
        Value threads = get("idle 1000 threads", "ours");
        if (threads != null) {
            verdict("idle: no thread per client", "ours " + fmt(threads.median) + " threads/client",
                    threads.median < 0.5);
        }
        Value heap = get("idle 1000 heap", "ours");
        Value direct = get("idle 1000 direct", "ours");
        Value hive = get("idle 1000 heap", "hivemq");
        Value hiveEpoll = get("idle 1000 heap, HiveMQ with its epoll module", "hivemq");
        if (heap != null && direct != null && hive != null) {
            double ours = heap.median + direct.median;
            verdict("idle: heap + native per client ≤ ½ HiveMQ heap", String.format(Locale.ROOT,
                    "ours %.0f B (heap %.0f + direct %.0f) vs HiveMQ heap %.0f B, its default NIO transport (limit %.0f)",
                    ours, heap.median, direct.median, hive.median, hive.median / 2), ours <= hive.median / 2);
            if (hiveEpoll != null) {
                verdict("idle: the same against HiveMQ with its epoll module", String.format(Locale.ROOT,
                        "ours %.0f B vs HiveMQ with epoll %.0f B (limit %.0f)", ours, hiveEpoll.median,
                        hiveEpoll.median / 2), ours <= hiveEpoll.median / 2);
            }
        }
        ratioTarget("connect TCP ≤ aws-crt's", "connect TCP", get("connect TCP", "aws-crt"), 1.0, false);
        String cold = "cold JVM: median of first " + dev.mqtt5.bench.workload.ColdConnectWorkload.CONNECTS + " connects";
        ratioTarget("cold-JVM connect ≤ aws-crt's (issue 17)", cold, get(cold, "aws-crt"), 1.0, false);
        for (String size : List.of("64", "16384")) {
            Value alloc = get("encode encode QoS 0 " + size + " B alloc", "ours");
            if (alloc != null) {
                verdict("QoS 0 encode allocates nothing (" + size + " B payload)",
                        fmt(alloc.median) + " B/op (PacketEncoders.publish + writeTo)", alloc.median < 1);
            }
        }
    }

    private Value get(String metric, String client) {
        Map<String, Value> m = metrics.get(metric);
        return m == null ? null : m.get(client);
    }

    /** The best peer's value: highest when higher is better, else lowest. */
    private Value bestPeer(String metric, boolean higherIsBetter) {
        Value best = null;
        for (String p : PEERS) {
            Value v = get(metric, p);
            if (v != null && (best == null || (higherIsBetter ? v.median > best.median : v.median < best.median))) {
                best = v;
            }
        }
        return best;
    }

    private void ratioTarget(String name, String metric, Value reference, double factor, boolean higherIsBetter) {
        Value ours = get(metric, "ours");
        if (ours == null || reference == null) {
            return;
        }
        String who = "";
        for (var e : metrics.get(metric).entrySet()) {
            if (e.getValue() == reference) {
                who = e.getKey();
            }
        }
        double ratio = ours.median / reference.median;
        boolean pass = higherIsBetter ? ours.median >= factor * reference.median : ours.median <= factor * reference.median;
        verdict(name, String.format(Locale.ROOT, "ours %s vs %s %s %s: ratio %.2f", fmt(ours.median), who,
                fmt(reference.median), ours.unit, ratio), pass);
    }

    private void verdict(String name, String figures, boolean pass) {
        md.append("| ").append(name).append(" | ").append(figures).append(" | ").append(pass ? "PASS" : "**FAIL**")
                .append(" |\n");
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
