package dev.mqtt5.client.config;

/**
 * Client-side throttling of outbound traffic, so that the client stays inside a server's
 * per-connection limits instead of being disconnected for exceeding them. Two token buckets
 * (publishes per second, and bytes per second over every operation) start empty on each
 * connection and refill continuously; an operation waits in the queue until both have enough.
 * {@link #iotCore()} applies AWS IoT Core's limits: 100 publishes and 512 KiB per second per
 * connection.
 */
public final class FlowControlOptions {

    private static final FlowControlOptions DISABLED = new FlowControlOptions(false, 0, 0);
    private static final FlowControlOptions IOT_CORE = new FlowControlOptions(true, 100, 512 * 1024);

    private final boolean enabled;
    private final int publishesPerSecond;
    private final int bytesPerSecond;

    private FlowControlOptions(boolean enabled, int publishesPerSecond, int bytesPerSecond) {
        this.enabled = enabled;
        this.publishesPerSecond = publishesPerSecond;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** No throttling (the default for a generic broker). */
    public static FlowControlOptions disabled() {
        return DISABLED;
    }

    /** AWS IoT Core's per-connection limits: 100 publishes per second and 512 KiB per second. */
    public static FlowControlOptions iotCore() {
        return IOT_CORE;
    }

    /**
     * Custom limits.
     *
     * @param publishesPerSecond publishes per second, at least 1
     * @param bytesPerSecond encoded bytes per second over all operations, at least 1
     */
    public static FlowControlOptions of(int publishesPerSecond, int bytesPerSecond) {
        if (publishesPerSecond < 1) {
            throw new IllegalArgumentException("flow control publishesPerSecond must be at least 1, was "
                    + publishesPerSecond);
        }
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("flow control bytesPerSecond must be at least 1, was " + bytesPerSecond);
        }
        return new FlowControlOptions(true, publishesPerSecond, bytesPerSecond);
    }

    /** Whether throttling applies. */
    public boolean enabled() {
        return enabled;
    }

    /** The publish rate limit. */
    public int publishesPerSecond() {
        return publishesPerSecond;
    }

    /** The byte rate limit. */
    public int bytesPerSecond() {
        return bytesPerSecond;
    }

    @Override
    public String toString() {
        return enabled ? "FlowControlOptions[" + publishesPerSecond + " publishes/s, " + bytesPerSecond + " bytes/s]"
                : "FlowControlOptions[disabled]";
    }
}
