package dev.mqtt5.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real mosquitto 2 broker spawned for a test, with listeners on free loopback ports: plain TCP,
 * TLS, mutual TLS (client certificate required, signed by {@link TestCertificates#ca()}),
 * WebSocket and WebSocket over TLS. Anonymous access is allowed.
 *
 * <pre>{@code
 * try (MosquittoBroker broker = MosquittoBroker.builder().configLine("max_keepalive 10").start()) {
 *     connect(broker.host(), broker.tcpPort());
 * }
 * }</pre>
 *
 * <p>{@link #close()} kills the process (forcibly after 2 s) and deletes its temporary folder; a
 * JVM shutdown hook kills brokers a test forgot to close. Use {@link MosquittoExtension} for one
 * broker per test class. Print {@link #log()} when a test fails.
 */
public final class MosquittoBroker implements AutoCloseable {

    /** Where Debian installs mosquitto. */
    public static final Path BINARY = Paths.get("/usr/sbin/mosquitto");

    private static final String HOST = "127.0.0.1";
    private static final long START_TIMEOUT_MILLIS = 10_000;
    private static final int START_ATTEMPTS = 3;
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "mosquitto-reaper"));
    }

    private final Path directory;
    /** Replaced by {@link #restart()}. */
    private volatile Process process;
    private final List<Integer> ports;
    private volatile boolean closed;

    private MosquittoBroker(Path directory, Process process, List<Integer> ports) {
        this.directory = directory;
        this.process = process;
        this.ports = ports;
    }

    /**
     * Starts a broker with the default configuration.
     *
     * @return the running broker
     */
    public static MosquittoBroker start() {
        return builder().start();
    }

    /**
     * Returns a builder for a broker with extra configuration lines.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the address to connect to: {@code 127.0.0.1}.
     *
     * @return the host
     */
    public String host() {
        return HOST;
    }

    /** @return the plain TCP port */
    public int tcpPort() {
        return ports.get(0);
    }

    /** @return the TLS port (server certificate {@link TestCertificates#server()}) */
    public int tlsPort() {
        return ports.get(1);
    }

    /** @return the mutual TLS port, which requires a client certificate signed by the test CA */
    public int mtlsPort() {
        return ports.get(2);
    }

    /** @return the WebSocket port (path is ignored by mosquitto, subprotocol {@code mqtt}) */
    public int wsPort() {
        return ports.get(3);
    }

    /** @return the WebSocket over TLS port */
    public int wssPort() {
        return ports.get(4);
    }

    /** @return the certificates the TLS listeners use */
    public TestCertificates certificates() {
        return TestCertificates.get();
    }

    /**
     * Returns the broker's log and console output so far, for failure messages.
     *
     * @return the log text, or a note that there is none
     */
    public String log() {
        return readLog(directory);
    }

    /**
     * Kills the broker and starts it again on the same ports with the same configuration, as after
     * a broker crash: persistence is off, so every session, subscription and queued message is
     * gone, and connected clients see their connection drop. Returns once it listens again.
     *
     * @throws IllegalStateException if it does not start again; the message holds its log
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
        stop(process);
        try {
            Process next = new ProcessBuilder(BINARY.toString(), "-c", directory.resolve("mosquitto.conf").toString())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("console.log").toFile()))
                    .start();
            RUNNING.add(next);
            process = next;
            Builder.awaitListeners(next, ports, directory);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("mosquitto did not start again: " + e.getMessage() + "\n" + log(), e);
        }
    }

    /** Stops the broker (forcibly after 2 s) and deletes its temporary folder; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(process);
        deleteRecursively(directory);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            RUNNING.remove(process);
        }
    }

    private static String readLog(Path directory) {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("mosquitto.log", "console.log")) {
            Path file = directory.resolve(name);
            try {
                if (Files.exists(file)) {
                    text.append("--- ").append(name).append(" ---\n").append(Files.readString(file));
                }
            } catch (IOException e) {
                text.append("(cannot read ").append(file).append(": ").append(e).append(")\n");
            }
        }
        return text.length() == 0 ? "(no mosquitto output)" : text.toString();
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Builds and starts a {@link MosquittoBroker}. */
    public static final class Builder {

        private final List<String> extraLines = new ArrayList<>();
        private final List<String> mtlsListenerLines = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a line to the mutual TLS listener's section, for the settings mosquitto keeps per
         * listener, such as {@code use_identity_as_username true} (the client certificate's CN
         * becomes the user name, which {@link MosquittoBroker#log()} shows for each connection).
         *
         * @param line a mosquitto listener configuration line
         * @return this builder
         */
        public Builder mtlsListenerLine(String line) {
            mtlsListenerLines.add(line);
            return this;
        }

        /**
         * Adds a line to the generated {@code mosquitto.conf}, such as {@code max_inflight_messages 2},
         * {@code max_packet_size 1000}, {@code max_keepalive 10} or {@code retain_available false}.
         * With {@code per_listener_settings false}, these apply to every listener.
         *
         * @param line a mosquitto configuration line
         * @return this builder
         */
        public Builder configLine(String line) {
            extraLines.add(line);
            return this;
        }

        /**
         * Starts the broker and waits (at most 10 s) until every listener accepts connections.
         *
         * @return the running broker
         * @throws IllegalStateException if mosquitto is missing or does not start; the message holds its log
         */
        public MosquittoBroker start() {
            if (!Files.isExecutable(BINARY)) {
                throw new IllegalStateException("mosquitto not found: run ./run-tests.sh, or apt-get install -y mosquitto");
            }
            IllegalStateException failure = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                try {
                    return startOnce();
                } catch (IllegalStateException e) {
                    // Usually another process took a port between allocation and bind: try new ports.
                    failure = e;
                }
            }
            throw failure;
        }

        private MosquittoBroker startOnce() {
            Path directory;
            try {
                directory = Files.createTempDirectory("mosquitto-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Integer> ports = FreePorts.allocate(5);
            Process process = null;
            try {
                Path config = writeConfig(directory, ports);
                process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(directory.resolve("console.log").toFile())
                        .start();
                RUNNING.add(process);
                awaitListeners(process, ports, directory);
                return new MosquittoBroker(directory, process, ports);
            } catch (IOException | RuntimeException e) {
                String log = readLog(directory);
                if (process != null) {
                    stop(process);
                }
                deleteRecursively(directory);
                throw new IllegalStateException("mosquitto did not start: " + e.getMessage() + "\n" + log, e);
            }
        }

        private Path writeConfig(Path directory, List<Integer> ports) throws IOException {
            TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory.resolve("certs"));
            String server = "cafile " + pem.caCertificate() + "\ncertfile " + pem.serverCertificate()
                    + "\nkeyfile " + pem.serverKey() + "\n";
            String text = "# generated by MosquittoBroker\n"
                    + "user root\n"
                    + "per_listener_settings false\n"
                    + "allow_anonymous true\n"
                    + "persistence false\n"
                    + "log_dest file " + directory.resolve("mosquitto.log") + "\n"
                    + "log_type all\n"
                    + String.join("\n", extraLines) + "\n"
                    + "\nlistener " + ports.get(0) + " " + HOST + "\n"
                    + "\nlistener " + ports.get(1) + " " + HOST + "\n" + server
                    + "\nlistener " + ports.get(2) + " " + HOST + "\n" + server
                    + "require_certificate true\n" + String.join("\n", mtlsListenerLines) + "\n"
                    + "\nlistener " + ports.get(3) + " " + HOST + "\nprotocol websockets\n"
                    + "\nlistener " + ports.get(4) + " " + HOST + "\nprotocol websockets\n" + server;
            Path config = directory.resolve("mosquitto.conf");
            Files.writeString(config, text, StandardCharsets.UTF_8);
            return config;
        }

        private static void awaitListeners(Process process, List<Integer> ports, Path directory) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
            for (int port : ports) {
                while (!accepts(port)) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("mosquitto exited with code " + process.exitValue());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("mosquitto did not listen on port " + port
                                + " within " + START_TIMEOUT_MILLIS + " ms");
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for mosquitto", e);
                    }
                }
            }
        }

        private static boolean accepts(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
