package dev.mqtt5.bench.broker;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's mosquitto with a generated config: a TCP and a TLS listener on free loopback ports,
 * {@code set_tcp_nodelay true}, no connection limit, no persistence, no logging, running as root
 * (so it can read the generated files), pinned like the sink. The TLS certificate is a
 * self-signed P-256 certificate for IP 127.0.0.1 made with the openssl command.
 */
public final class MosquittoProcess implements AutoCloseable {

    private final Path directory;
    private final Process process;
    private final int tcpPort;
    private final int tlsPort;
    private final Path certificatePem;
    private final X509Certificate certificate;

    public MosquittoProcess() throws Exception {
        directory = Files.createTempDirectory("bench-mosquitto-");
        certificatePem = directory.resolve("server.pem");
        Path key = directory.resolve("server.key");
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", certificatePem.toString(), "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1"));
        certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificatePem)));
        tcpPort = freePort();
        tlsPort = freePort();
        String config = "user root\nallow_anonymous true\npersistence false\nlog_dest none\nset_tcp_nodelay true\n"
                + "per_listener_settings false\n"
                + "listener " + tcpPort + " 127.0.0.1\nmax_connections -1\n"
                + "listener " + tlsPort + " 127.0.0.1\nmax_connections -1\n"
                + "certfile " + certificatePem + "\nkeyfile " + key + "\n";
        Path file = directory.resolve("mosquitto.conf");
        Files.writeString(file, config);
        List<String> command = new ArrayList<>(Pinning.brokerPrefix());
        command.add("/usr/sbin/mosquitto");
        command.add("-c");
        command.add(file.toString());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("console.log").toFile()).start();
        waitForPort(tcpPort);
        waitForPort(tlsPort);
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (Exception e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("mosquitto did not listen on " + port + ": "
                            + Files.readString(directory.resolve("console.log")));
                }
                Thread.sleep(20);
            }
        }
    }

    public int tcpPort() {
        return tcpPort;
    }

    public int tlsPort() {
        return tlsPort;
    }

    public Path certificatePem() {
        return certificatePem;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
    }
}
