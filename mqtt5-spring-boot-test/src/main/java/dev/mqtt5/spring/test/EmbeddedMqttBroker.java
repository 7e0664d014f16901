package dev.mqtt5.spring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;

/**
 * An MQTT 5 broker in this JVM (HiveMQ Community Edition, embedded) listening on a loopback port,
 * with in-memory persistence and anonymous access. Starting takes a second or two. Clients may
 * publish to topics that start with {@code $} (such as AWS IoT's {@code $aws/...} request topics),
 * which HiveMQ refuses by default.
 *
 * <pre>{@code
 * try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start(0)) {
 *     connect(broker.getHost(), broker.getPort());
 * }
 * }</pre>
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private static final long START_TIMEOUT_SECONDS = 60;

    private volatile EmbeddedHiveMQ hiveMq;

    private final Path directory;

    private final int port;

    private volatile boolean closed;

    private EmbeddedMqttBroker(EmbeddedHiveMQ hiveMq, Path directory, int port) {
        this.hiveMq = hiveMq;
        this.directory = directory;
        this.port = port;
    }

    /**
     * Starts a broker and waits until it listens.
     *
     * @param port the port to listen on, or 0 for a free one
     * @return the running broker
     * @throws IllegalStateException when the broker does not start
     */
    public static EmbeddedMqttBroker start(int port) {
        int listenPort = (port != 0) ? port : freePort();
        Path directory;
        try {
            directory = Files.createTempDirectory("mqtt5-embedded-broker-");
            Path conf = Files.createDirectories(directory.resolve("conf"));
            Files.createDirectories(directory.resolve("data"));
            Files.createDirectories(directory.resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), configXml(listenPort));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot prepare the embedded broker's folders", ex);
        }
        EmbeddedHiveMQ hiveMq = build(directory);
        EmbeddedMqttBroker broker = new EmbeddedMqttBroker(hiveMq, directory, listenPort);
        try {
            hiveMq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException ex) {
            broker.close();
            throw new IllegalStateException("the embedded MQTT broker did not start on port " + listenPort, ex);
        } catch (InterruptedException ex) {
            broker.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded MQTT broker", ex);
        }
        return broker;
    }

    private static EmbeddedHiveMQ build(Path directory) {
        // HiveMQ disconnects a client that publishes to a topic starting with '$' (PROTOCOL_ERROR,
        // "Sent PUBLISH for a topic that starts with '$'") unless this JVM-wide internal switch is on,
        // read when a broker starts. AWS IoT Core takes device requests on $aws/... topics, and so
        // does the AWS IoT emulator, so this broker lets clients publish to them, as IoT Core does.
        InternalConfigurations.MQTT_ALLOW_DOLLAR_TOPICS.set(true);
        return EmbeddedHiveMQ.builder()
            .withConfigurationFolder(directory.resolve("conf"))
            .withDataFolder(directory.resolve("data"))
            .withExtensionsFolder(directory.resolve("extensions"))
            .withoutLoggingBootstrap()
            .build();
    }

    /** The address to connect to: {@code 127.0.0.1}. */
    public String getHost() {
        return HOST;
    }

    /** The port the broker listens on. */
    public int getPort() {
        return this.port;
    }

    /**
     * Stops the broker but keeps its port and folders, so that {@link #restart()} brings it back:
     * clients see the broker go away and return.
     */
    public synchronized void stop() {
        await(this.hiveMq.stop(), "stop");
    }

    /**
     * Starts a new broker on the same port after {@link #stop()} (HiveMQ cannot restart an
     * in-memory instance); sessions and retained messages are gone.
     */
    public synchronized void restart() {
        try {
            this.hiveMq.close();
        } catch (ExecutionException ex) {
            // already stopped
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.hiveMq = build(this.directory);
        await(this.hiveMq.start(), "start");
    }

    private void await(java.util.concurrent.CompletableFuture<Void> step, String what) {
        try {
            step.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("the embedded MQTT broker did not " + what, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the embedded MQTT broker was to " + what, ex);
        }
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return this.closed;
    }

    /** Stops the broker and deletes its folders; idempotent. */
    @Override
    public void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        try {
            this.hiveMq.close();
        } catch (ExecutionException ex) {
            // stopping failed: the folders are removed all the same
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            deleteRecursively(this.directory);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedMqttBroker[" + HOST + ":" + this.port + (this.closed ? ", closed" : "") + "]";
    }

    private static String configXml(int port) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, HOST);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, 0));
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException("no free port for the embedded MQTT broker", ex);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        } catch (IOException ex) {
            // already gone
        }
    }
}
