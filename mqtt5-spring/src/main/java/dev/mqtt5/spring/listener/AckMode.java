package dev.mqtt5.spring.listener;

/** When a listener's QoS 1 and 2 publishes are acknowledged (PUBACK, PUBREC) to the broker. */
public enum AckMode {

    /**
     * When the listener method returns, or when the error handler has finished with a failure. A
     * publish the application has not yet handled is never acknowledged, so the broker sends it
     * again after a reconnect.
     */
    AUTO,

    /**
     * When the application calls {@code Acknowledgement.acknowledge()}, taken as a method
     * parameter. Acknowledgements go out in arrival order: one held back holds back those after it.
     * A publish whose listener threw is acknowledged once the error handler has finished, so that
     * a failure cannot hold back every later acknowledgement of the client.
     */
    MANUAL
}
