package dev.mqtt5.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Debian daemon spawned for a test on a free loopback port, in the foreground, from a generated
 * configuration in its own temporary folder: tinyproxy (HTTP CONNECT proxy with basic
 * authentication) or stunnel (TLS in front of another port, with the test server certificate).
 * {@link #close()} kills it and deletes the folder.
 */
public final class LoopbackService implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Path directory;
    private final Process process;
    private final int port;

    private LoopbackService(Path directory, Process process, int port) {
        this.directory = directory;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts tinyproxy requiring {@code user}/{@code password} and allowing CONNECT to {@code connectPorts}.
     *
     * @param user the basic-authentication user
     * @param password the basic-authentication password
     * @param connectPorts the ports CONNECT may reach (tinyproxy allows only 443 and 563 otherwise)
     * @return the running proxy
     */
    public static LoopbackService tinyproxy(String user, String password, List<Integer> connectPorts) {
        int port = FreePorts.allocate();
        String config = "User root\nGroup root\nPort " + port + "\nListen " + HOST + "\nTimeout 60\n"
                + "LogLevel Info\nMaxClients 50\nAllow 127.0.0.1\nBasicAuth " + user + " " + password + "\n"
                + connectPorts.stream().map(p -> "ConnectPort " + p).collect(Collectors.joining("\n")) + "\n";
        return start("tinyproxy-", "tinyproxy.conf", config, port, dir -> List.of("tinyproxy", "-d", "-c",
                dir.resolve("tinyproxy.conf").toString()));
    }

    /**
     * Starts stunnel accepting TLS (test server certificate for localhost) and forwarding plain TCP to {@code targetPort}.
     *
     * @param targetPort the loopback port behind stunnel
     * @return the running TLS front
     */
    public static LoopbackService stunnel(int targetPort) {
        int port = FreePorts.allocate();
        return start("stunnel-", "stunnel.conf", null, port, dir -> {
            TestCertificates.PemFiles pem = TestCertificates.get().writePem(dir.resolve("certs"));
            String config = "foreground = yes\npid =\n[front]\naccept = " + HOST + ":" + port + "\nconnect = " + HOST
                    + ":" + targetPort + "\ncert = " + pem.serverCertificate() + "\nkey = " + pem.serverKey() + "\n";
            write(dir.resolve("stunnel.conf"), config);
            return List.of("stunnel4", dir.resolve("stunnel.conf").toString());
        });
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Its console output so far. */
    public String log() {
        try {
            return Files.readString(directory.resolve("console.log"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private interface Command {
        List<String> prepare(Path directory) throws IOException;
    }

    private static LoopbackService start(String prefix, String configName, String config, int port, Command command) {
        Path directory;
        try {
            directory = Files.createTempDirectory(prefix);
            if (config != null) {
                write(directory.resolve(configName), config);
            }
            Process process = new ProcessBuilder(command.prepare(directory)).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("console.log").toFile()).start();
            LoopbackService service = new LoopbackService(directory, process, port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!accepts(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String log = service.log();
                    service.close();
                    throw new IllegalStateException(prefix + " did not listen on " + port + ":\n" + log);
                }
                Thread.sleep(20);
            }
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    /** Kills the process (forcibly after 2 s) and deletes its folder. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // already gone
        }
    }
}
