package dev.mqtt5.bench.broker;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link SinkBroker} in its own JVM, pinned like the brokers, and stops it. */
public final class SinkProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    public SinkProcess() throws Exception {
        List<String> command = new ArrayList<>(Pinning.brokerPrefix());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms256m");
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SinkBroker.class.getName());
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        int found = -1;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("SINK-READY ")) {
                found = Integer.parseInt(line.substring(11).trim());
                break;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("sink did not start: exit " + process.waitFor());
        }
        port = found;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
    }
}
