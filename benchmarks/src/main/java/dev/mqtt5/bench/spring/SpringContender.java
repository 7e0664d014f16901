package dev.mqtt5.bench.spring;

/**
 * One Spring-level contender: its own application context (or, for the floor, a bare client),
 * connected to mosquitto, its listener subscribed at QoS 1 to one topic and handing each record,
 * converted from JSON, to {@link Deliveries}; {@link #send} converts a record to JSON and
 * publishes it without waiting for the broker.
 */
public interface SpringContender extends AutoCloseable {

    /** Starts the context (or client) and its listener; the workload then probes the subscription. */
    void start(int mosquittoPort, String clientId, String topic, Deliveries deliveries) throws Exception;

    /** Converts and publishes one record at this QoS; returns without waiting for the broker. */
    void send(Telemetry telemetry, int qos) throws Exception;

    /**
     * The most records of this QoS the workload may have sent and not yet seen delivered. 1,000,
     * except where a contender bounds itself (Paho throws past the server's Receive Maximum).
     */
    default int maxOutstanding(int qos) {
        return 1000;
    }

    @Override
    void close() throws Exception;
}
