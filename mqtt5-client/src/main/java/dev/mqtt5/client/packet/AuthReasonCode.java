package dev.mqtt5.client.packet;

/**
 * The value of the reason code of an AUTH packet (MQTT 5.0 section 3.15.2.1).
 * Codes of {@code 0x80} and above are errors.
 */
public enum AuthReasonCode implements ReasonCode {
    SUCCESS(0x00),
    CONTINUE_AUTHENTICATION(0x18),
    RE_AUTHENTICATE(0x19);

    private static final AuthReasonCode[] BY_CODE = ReasonCodeTable.byCode(values(), new AuthReasonCode[256]);

    private final int code;

    AuthReasonCode(int code) {
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
    public static AuthReasonCode fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
