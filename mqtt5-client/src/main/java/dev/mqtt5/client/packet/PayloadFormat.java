package dev.mqtt5.client.packet;

/** The Payload Format Indicator of a publish (MQTT 5.0 section 3.3.2.3.2). */
public enum PayloadFormat {
    /** Unspecified bytes (indicator 0). */
    BYTES(0),
    /** UTF-8 encoded character data (indicator 1). */
    UTF8(1);

    private final int value;

    PayloadFormat(int value) {
        this.value = value;
    }

    /** The indicator byte on the wire. */
    public int value() {
        return value;
    }

    /** Returns the constant for a wire value, or {@code null} for any value other than 0 and 1. */
    public static PayloadFormat fromValue(int value) {
        return value == 0 ? BYTES : value == 1 ? UTF8 : null;
    }
}
