package dev.mqtt5.spring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.hivemq.bootstrap.netty.NettyConfiguration;
import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;

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

    /**
     * How long HiveMQ's in-memory persistence still takes writes once it is told to close (its
     * default is 2 s, which every stop then waits): by then the listeners are closed and every
     * client is gone, and the in-memory data is dropped anyway.
     */
    private static final int PERSISTENCE_SHUTDOWN_GRACE_MILLIS = 50;

    private volatile EmbeddedHiveMQ hiveMq;

    private final Path directory;

    private final int port;

    private volatile boolean closed;

    private volatile CompletableFuture<Void> starting = CompletableFuture.completedFuture(null);

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
        EmbeddedMqttBroker broker = startInBackground(port);
        broker.awaitStarted();
        return broker;
    }

    /**
     * Starts a broker without waiting: its port is known at once, {@link #awaitStarted()} waits
     * until it listens. Lets an application start the broker while it does other work (the
     * environment post-processor does, and waits before the context makes its beans).
     */
    static EmbeddedMqttBroker startInBackground(int port) {
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
        broker.starting = hiveMq.start();
        return broker;
    }

    /**
     * Waits until a broker from {@link #startInBackground(int)} listens; closes it if it does not.
     *
     * @throws IllegalStateException when the broker does not start
     */
    void awaitStarted() {
        try {
            this.starting.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException ex) {
            close();
            throw new IllegalStateException("the embedded MQTT broker did not start on port " + this.port, ex);
        } catch (InterruptedException ex) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded MQTT broker", ex);
        }
    }

    private static EmbeddedHiveMQ build(Path directory) {
        // HiveMQ disconnects a client that publishes to a topic starting with '$' (PROTOCOL_ERROR,
        // "Sent PUBLISH for a topic that starts with '$'") unless this JVM-wide internal switch is on,
        // read when a broker starts. AWS IoT Core takes device requests on $aws/... topics, and so
        // does the AWS IoT emulator, so this broker lets clients publish to them, as IoT Core does.
        InternalConfigurations.MQTT_ALLOW_DOLLAR_TOPICS.set(true);
        InternalConfigurations.PERSISTENCE_SHUTDOWN_GRACE_PERIOD_MSEC.set(PERSISTENCE_SHUTDOWN_GRACE_MILLIS);
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
        Thread quickStop = QuickStop.watch(this.hiveMq);
        try {
            await(this.hiveMq.stop(), "stop");
        } finally {
            QuickStop.end(quickStop);
        }
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
        this.starting = this.hiveMq.start();
        await(this.starting, "start");
    }

    private void await(CompletableFuture<Void> step, String what) {
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
        Thread quickStop = QuickStop.watch(this.hiveMq);
        try {
            this.hiveMq.close();
        } catch (ExecutionException ex) {
            // stopping failed: the folders are removed all the same
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            QuickStop.end(quickStop);
            deleteRecursively(this.directory);
        }
    }

    /**
     * Takes the 2 s out of HiveMQ's stop that its Netty event loops idle through: HiveMQ first
     * disconnects every client and closes the listeners, then shuts its event loops down
     * gracefully with a quiet period of 2 s that no setting changes, and waits for them. Once both
     * groups are shutting down (the channels are closed by then, the port is free), this thread
     * sets their quiet period to 0: each runs what is still queued and ends at its next check,
     * within about 100 ms. Best effort, by reflection into HiveMQ (its Guice injector) and Netty:
     * if their internals are not where this looks, the stop just takes the 2 s.
     */
    private static final class QuickStop {

        static Thread watch(EmbeddedHiveMQ hiveMq) {
            EventLoopGroup[] groups = eventLoopGroups(hiveMq);
            if (groups == null) {
                return null;
            }
            Thread thread = new Thread(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
                try {
                    while (!(groups[0].isShuttingDown() && groups[1].isShuttingDown())) {
                        if (System.nanoTime() > deadline) {
                            return;
                        }
                        Thread.sleep(10);
                    }
                } catch (InterruptedException ex) {
                    return;
                }
                for (EventLoopGroup group : groups) {
                    shutdownNow(group);
                }
            }, "embedded-mqtt-broker-quick-stop");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        private static void shutdownNow(EventLoopGroup group) {
            // The quiet period is a field of each event loop, read at every check of the shutdown
            // (every 100 ms); Netty has no public way to shorten a shutdown already under way.
            try {
                Field quietPeriod = SingleThreadEventExecutor.class.getDeclaredField("gracefulShutdownQuietPeriod");
                quietPeriod.setAccessible(true);
                for (EventExecutor executor : group) {
                    if (executor instanceof SingleThreadEventExecutor) {
                        quietPeriod.setLong(executor, 0L);
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException ex) {
                // the stop takes the 2 s
            }
        }

        static void end(Thread thread) {
            if (thread != null) {
                thread.interrupt();
            }
        }

        private static EventLoopGroup[] eventLoopGroups(EmbeddedHiveMQ hiveMq) {
            try {
                java.lang.reflect.Method getInjector = hiveMq.getClass().getDeclaredMethod("getInjector");
                getInjector.setAccessible(true);
                Object injector = getInjector.invoke(hiveMq);
                if (injector == null) {
                    return null;
                }
                Object netty = Class.forName("com.google.inject.Injector", false, hiveMq.getClass().getClassLoader())
                        .getMethod("getInstance", Class.class).invoke(injector, NettyConfiguration.class);
                NettyConfiguration configuration = (NettyConfiguration) netty;
                return new EventLoopGroup[] { configuration.getParentEventLoopGroup(),
                        configuration.getChildEventLoopGroup() };
            } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
                return null;
            }
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
