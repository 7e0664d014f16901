package dev.mqtt5.client.exception;

import dev.mqtt5.client.packet.DisconnectReasonCode;

/**
 * The peer broke the MQTT 5 protocol: a malformed packet (reason {@code 0x81}), a protocol error
 * ({@code 0x82}), or a more specific violation such as an invalid topic alias ({@code 0x94}), a
 * packet over the client's Maximum Packet Size ({@code 0x95}) or too many unacknowledged
 * publishes ({@code 0x93}). The client closes the connection with a DISCONNECT carrying
 * {@link #reasonCode()} and this message as its reason string, and reports this exception as the
 * cause of the disconnection.
 */
public class MqttProtocolException extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    private final DisconnectReasonCode reasonCode;

    /**
     * @param reasonCode the DISCONNECT reason code that describes the violation
     * @param message what was wrong, naming the packet and the field
     */
    public MqttProtocolException(DisconnectReasonCode reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    /** The DISCONNECT reason code the client sends for this violation. */
    public DisconnectReasonCode reasonCode() {
        return reasonCode;
    }

    /** Shorthand for a malformed packet ({@code 0x81}). */
    public static MqttProtocolException malformed(String message) {
        return new MqttProtocolException(DisconnectReasonCode.MALFORMED_PACKET, message);
    }

    /** Shorthand for a protocol error ({@code 0x82}). */
    public static MqttProtocolException protocolError(String message) {
        return new MqttProtocolException(DisconnectReasonCode.PROTOCOL_ERROR, message);
    }
}
