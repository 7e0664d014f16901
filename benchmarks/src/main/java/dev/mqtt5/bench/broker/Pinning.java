package dev.mqtt5.bench.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU pinning of the broker side: with {@code -Dbench.brokerCpu=0} (the default when taskset exists
 * and the machine has two or more cores) the sink and mosquitto run under {@code taskset -c 0};
 * the script runs the client JVM under {@code taskset -c 1}.
 */
public final class Pinning {

    private Pinning() {
    }

    /** The taskset prefix for a broker process, or none. */
    public static List<String> brokerPrefix() {
        String cpu = System.getProperty("bench.brokerCpu", "0");
        List<String> prefix = new ArrayList<>();
        if (!cpu.isEmpty() && !cpu.equals("none") && hasTaskset()) {
            prefix.add("taskset");
            prefix.add("-c");
            prefix.add(cpu);
        }
        return prefix;
    }

    public static boolean hasTaskset() {
        return Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset"));
    }

    /** How the broker side is pinned, for the result tables. */
    public static String describe() {
        List<String> prefix = brokerPrefix();
        return prefix.isEmpty() ? "broker unpinned" : "broker on CPU " + prefix.get(2);
    }
}
