package dev.mqtt5.client.packet;

/**
 * The value of the reason code the server gives for one topic filter in an UNSUBACK packet (MQTT 5.0 section 3.11.3).
 * Codes of {@code 0x80} and above are errors.
 */
public enum UnsubAckReasonCode implements ReasonCode {
    SUCCESS(0x00),
    NO_SUBSCRIPTION_EXISTED(0x11),
    UNSPECIFIED_ERROR(0x80),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    NOT_AUTHORIZED(0x87),
    TOPIC_FILTER_INVALID(0x8F),
    PACKET_IDENTIFIER_IN_USE(0x91);

    private static final UnsubAckReasonCode[] BY_CODE = ReasonCodeTable.byCode(values(), new UnsubAckReasonCode[256]);

    private final int code;

    UnsubAckReasonCode(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /**
     * Returns the constant for a wire value.
     *
     * @param code the byte on the wire, 0 to 255
     * @return the constant, or {@code null} when the specification defines no such code for this packet
     */
    public static UnsubAckReasonCode fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
