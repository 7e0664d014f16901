package dev.mqtt5.client;

/**
 * The acknowledgement of one received publish, for applications that acknowledge later than
 * when their listener returns (see {@link ManualAckPublishListener}). Acknowledging sends PUBACK
 * (QoS 1) or PUBREC (QoS 2) to the server; acknowledgements still go out in the order the
 * publishes were received, as MQTT requires, so one that is held back holds back those after
 * it. Thread-safe; calling it more than once has no further effect. For QoS 0 it does nothing.
 * An acknowledgement for a connection that has since ended is dropped: the server sends the
 * publish again on the next connection of the session.
 */
@FunctionalInterface
public interface Acknowledgement {

    /** Acknowledges the publish. */
    void acknowledge();
}
