package dev.mqtt5.client.packet;

/** A reason code carried by an MQTT 5 acknowledgement, DISCONNECT or AUTH packet. */
public interface ReasonCode {

    /** The byte value on the wire. */
    int code();

    /** Whether this code reports a failure (values of {@code 0x80} and above). */
    default boolean isError() {
        return code() >= 0x80;
    }
}
