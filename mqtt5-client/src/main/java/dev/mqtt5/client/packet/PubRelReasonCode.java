package dev.mqtt5.client.packet;

/**
 * The value of the reason code of a PUBREL packet (MQTT 5.0 section 3.6.2.1).
 * Codes of {@code 0x80} and above are errors.
 */
public enum PubRelReasonCode implements ReasonCode {
    SUCCESS(0x00),
    PACKET_IDENTIFIER_NOT_FOUND(0x92);

    private static final PubRelReasonCode[] BY_CODE = ReasonCodeTable.byCode(values(), new PubRelReasonCode[256]);

    private final int code;

    PubRelReasonCode(int code) {
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
    public static PubRelReasonCode fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
