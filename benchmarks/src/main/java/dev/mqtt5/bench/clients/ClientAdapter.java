package dev.mqtt5.bench.clients;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One connection of one MQTT client library, reduced to what the workloads need. An adapter is
 * used for one connection: {@link #prepare} builds the client object (not timed), {@link #connect}
 * starts it and returns once the CONNACK has been processed (timed by the connect workload).
 */
public interface ClientAdapter extends AutoCloseable {

    /** Short name used in the result tables. */
    String name();

    /** What a workload measures, so each library is set up as its documentation recommends for it. */
    enum Tuning {
        /** Messages per second: a library's throughput settings (Nagle's algorithm, where it recommends it). */
        THROUGHPUT,
        /** Time from send to receipt at a fixed rate: a library's low-latency settings. */
        LATENCY,
        /** Connecting, idle connections: the library's defaults. */
        DEFAULTS
    }

    /**
     * Called before {@link #prepare}: the workload this connection serves. Our client and HiveMQ's
     * turn TCP_NODELAY on themselves and recommend nothing different per workload; aws-crt has no
     * such setting (its {@code SocketOptions} offers none); so only Paho's adapter acts on it.
     */
    default void tuneFor(Tuning tuning) {
    }

    /** Builds the client object for this endpoint and client id; opens no connection. */
    void prepare(Endpoint endpoint, String clientId) throws Exception;

    /** Connects and blocks until the CONNACK has been processed by the client. */
    void connect() throws Exception;

    /**
     * Publishes; the future completes when the library reports the publish done (QoS 0: written
     * or handed to the socket, QoS 1: PUBACK received).
     */
    CompletableFuture<?> publish(String topic, byte[] payload, int qos);

    /** Subscribes and blocks until the SUBACK; every received payload goes to {@code onMessage}. */
    void subscribe(String topicFilter, int qos, Consumer<byte[]> onMessage) throws Exception;

    /**
     * The most publishes of this QoS the harness may leave outstanding. A library that throws,
     * rather than queues, beyond the server's Receive Maximum gets that limit.
     */
    default int maxOutstanding(int qos) {
        return 1000;
    }

    /** Called before the harness blocks on a future; only the raw-socket baseline buffers writes. */
    default void flush() throws Exception {
    }

    /**
     * Throughput mode: the raw-socket baseline then buffers writes instead of flushing each packet;
     * the libraries ignore it (they batch on their own).
     */
    default void batchWrites(boolean batch) {
    }

    /** Sends DISCONNECT and releases the connection. */
    @Override
    void close() throws Exception;
}
