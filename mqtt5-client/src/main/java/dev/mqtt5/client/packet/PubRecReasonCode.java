package dev.mqtt5.client.packet;

/**
 * The value of the reason code of a PUBREC packet (MQTT 5.0 section 3.5.2.1).
 * Codes of {@code 0x80} and above are errors.
 */
public enum PubRecReasonCode implements ReasonCode {
    SUCCESS(0x00),
    /** Accepted, but no subscriber matched; not an error. */
    NO_MATCHING_SUBSCRIBERS(0x10),
    UNSPECIFIED_ERROR(0x80),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    NOT_AUTHORIZED(0x87),
    TOPIC_NAME_INVALID(0x90),
    PACKET_IDENTIFIER_IN_USE(0x91),
    QUOTA_EXCEEDED(0x97),
    PAYLOAD_FORMAT_INVALID(0x99);

    private static final PubRecReasonCode[] BY_CODE = ReasonCodeTable.byCode(values(), new PubRecReasonCode[256]);

    private final int code;

    PubRecReasonCode(int code) {
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
    public static PubRecReasonCode fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
