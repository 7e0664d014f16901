package dev.mqtt5.client.packet;

/** Whether the server sends retained messages when a subscription is made (MQTT 5.0 section 3.8.3.1). */
public enum RetainHandling {
    /** Send retained messages at the time of the subscribe. */
    SEND_ON_SUBSCRIBE(0),
    /** Send retained messages only if the subscription did not already exist. */
    SEND_ON_SUBSCRIBE_IF_NEW(1),
    /** Never send retained messages for this subscription. */
    DONT_SEND(2);

    private static final RetainHandling[] VALUES = values();

    private final int value;

    RetainHandling(int value) {
        this.value = value;
    }

    /** The two-bit value on the wire. */
    public int value() {
        return value;
    }

    /** Returns the constant for a wire value, or {@code null} for 3 and any other value. */
    public static RetainHandling fromValue(int value) {
        return value >= 0 && value < VALUES.length ? VALUES[value] : null;
    }
}
