package dev.mqtt5.bench.workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Collects one workload's figures: per (metric, client) the values of the measured rounds, printed
 * as median and min-max, and appended as TSV lines
 * {@code metric \t client \t median \t min \t max \t unit \t rounds} to the results file the report reads.
 */
public final class Results {

    private final Path file;

    public Results(Path file) {
        this.file = file;
    }

    /** Records a metric's round values for one client and prints it. */
    public void add(String metric, String client, List<Double> rounds, String unit) throws IOException {
        List<Double> sorted = new ArrayList<>(rounds);
        Collections.sort(sorted);
        double median = median(sorted);
        String line = String.join("\t", metric, client, fmt(median), fmt(sorted.get(0)),
                fmt(sorted.get(sorted.size() - 1)), unit, String.valueOf(sorted.size())) + "\n";
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.printf(Locale.ROOT, "  %-34s %-11s median %12s  [%s .. %s] %s%n", metric, client, fmt(median),
                fmt(sorted.get(0)), fmt(sorted.get(sorted.size() - 1)), unit);
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String fmt(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
