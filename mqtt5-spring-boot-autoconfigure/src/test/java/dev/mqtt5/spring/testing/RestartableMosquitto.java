package dev.mqtt5.spring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.mqtt5.client.testing.FreePorts;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.TestCertificates;

/**
 * A mosquitto broker that can be stopped and started again on the same ports, and paused
 * ({@code SIGSTOP}) and resumed ({@code SIGCONT}): a plain TCP listener and a mutual TLS listener
 * that requires a client certificate signed by {@link TestCertificates#ca()}.
 */
public final class RestartableMosquitto implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Path directory;

    private final int tcpPort;

    private final int mtlsPort;

    private final TestCertificates.PemFiles pem;

    private final List<String> extraLines;

    private final List<String> mtlsListenerLines;

    private Process process;

    private RestartableMosquitto(List<String> extraLines, List<String> mtlsListenerLines) throws IOException {
        this.directory = Files.createTempDirectory("mosquitto-restartable-");
        List<Integer> ports = FreePorts.allocate(2);
        this.tcpPort = ports.get(0);
        this.mtlsPort = ports.get(1);
        this.pem = TestCertificates.get().writePem(this.directory.resolve("certs"));
        this.extraLines = new ArrayList<>(extraLines);
        this.mtlsListenerLines = new ArrayList<>(mtlsListenerLines);
    }

    /**
     * Starts a broker.
     *
     * @param extraLines configuration lines added before the listeners
     * @return the running broker
     */
    public static RestartableMosquitto launch(String... extraLines) {
        return launch(List.of(extraLines), List.of());
    }

    /**
     * Starts a broker with lines in the mutual TLS listener's section too, such as
     * {@code use_identity_as_username true}: each connection's user name in {@link #log()} is
     * then the CN of the client certificate it presented.
     *
     * @param extraLines configuration lines added before the listeners
     * @param mtlsListenerLines configuration lines of the mutual TLS listener
     * @return the running broker
     */
    public static RestartableMosquitto launch(List<String> extraLines, List<String> mtlsListenerLines) {
        try {
            RestartableMosquitto broker = new RestartableMosquitto(extraLines, mtlsListenerLines);
            broker.start();
            return broker;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Starts the process again on the same ports and waits until both listeners accept. */
    public synchronized void start() {
        String server = "cafile " + this.pem.caCertificate() + "\ncertfile " + this.pem.serverCertificate()
                + "\nkeyfile " + this.pem.serverKey() + "\n";
        String config = "user root\nper_listener_settings false\nallow_anonymous true\npersistence false\n"
                + "log_dest file " + this.directory.resolve("mosquitto.log") + "\nlog_type all\n"
                + String.join("\n", this.extraLines) + "\n"
                + "listener " + this.tcpPort + " " + HOST + "\n"
                + "listener " + this.mtlsPort + " " + HOST + "\n" + server + "require_certificate true\n"
                + String.join("\n", this.mtlsListenerLines) + "\n";
        try {
            Path file = this.directory.resolve("mosquitto.conf");
            Files.writeString(file, config);
            this.process = new ProcessBuilder(MosquittoBroker.BINARY.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(this.directory.resolve("console.log").toFile()).start();
            awaitListening();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Stops the process; the ports stay reserved for {@link #start()}. */
    public synchronized void stop() {
        if (this.process == null) {
            return;
        }
        resume();
        this.process.destroy();
        try {
            if (!this.process.waitFor(2, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.process = null;
    }

    /** Freezes the broker: connections stay open, nothing is answered. */
    public synchronized void pause() {
        signal("-STOP");
    }

    /** Unfreezes the broker after {@link #pause()}. */
    public synchronized void resume() {
        signal("-CONT");
    }

    public String host() {
        return HOST;
    }

    public int tcpPort() {
        return this.tcpPort;
    }

    public int mtlsPort() {
        return this.mtlsPort;
    }

    /** The PEM files of the CA, the server and the client certificates. */
    public TestCertificates.PemFiles pem() {
        return this.pem;
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(this.directory)) {
            files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        } catch (IOException ex) {
            // already gone
        }
    }

    private void signal(String signal) {
        if (this.process == null) {
            return;
        }
        try {
            new ProcessBuilder("kill", signal, Long.toString(this.process.pid())).inheritIO().start().waitFor();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int port : new int[] { this.tcpPort, this.mtlsPort }) {
            while (!accepts(port)) {
                if (!this.process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("mosquitto did not listen on " + port + ": " + log());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The broker's log, for failure messages. */
    public String log() {
        try {
            Path log = this.directory.resolve("mosquitto.log");
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException ex) {
            return ex.toString();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }
}
