package dev.mqtt5.client.packet;

/** Quality of service of a publish or a subscription. */
public enum QoS {
    /** Delivered at most once: fire and forget, no acknowledgement. */
    AT_MOST_ONCE(0),
    /** Delivered at least once: acknowledged by PUBACK, may be duplicated. */
    AT_LEAST_ONCE(1),
    /** Delivered exactly once: PUBREC, PUBREL, PUBCOMP handshake. */
    EXACTLY_ONCE(2);

    private static final QoS[] VALUES = values();

    private final int value;

    QoS(int value) {
        this.value = value;
    }

    /** The numeric level, 0 to 2. */
    public int value() {
        return value;
    }

    /**
     * Returns the level for a numeric value.
     *
     * @param value 0, 1 or 2
     * @return the level, or {@code null} for any other value
     */
    public static QoS fromValue(int value) {
        return value >= 0 && value < VALUES.length ? VALUES[value] : null;
    }
}
