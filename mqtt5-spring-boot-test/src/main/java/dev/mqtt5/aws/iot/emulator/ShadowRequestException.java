package dev.mqtt5.aws.iot.emulator;

/** A shadow request the service rejects: the HTTP-style code and message of the error document. */
final class ShadowRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int code;

    ShadowRequestException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    int code() {
        return this.code;
    }
}
