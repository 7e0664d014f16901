package dev.mqtt5.client.packet;

/**
 * The value of the reason code of a PUBCOMP packet (MQTT 5.0 section 3.7.2.1).
 * Codes of {@code 0x80} and above are errors.
 */
public enum PubCompReasonCode implements ReasonCode {
    SUCCESS(0x00),
    PACKET_IDENTIFIER_NOT_FOUND(0x92);

    private static final PubCompReasonCode[] BY_CODE = ReasonCodeTable.byCode(values(), new PubCompReasonCode[256]);

    private final int code;

    PubCompReasonCode(int code) {
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
    public static PubCompReasonCode fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
