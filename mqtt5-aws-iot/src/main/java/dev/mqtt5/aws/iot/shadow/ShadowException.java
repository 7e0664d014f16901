package dev.mqtt5.aws.iot.shadow;

import dev.mqtt5.aws.iot.ServiceRejectedException;
import java.time.Instant;

/**
 * The Device Shadow service rejected a request: its error document, as received on the
 * {@code /rejected} topic. A version conflict (409) is the subclass {@link ShadowVersionConflictException}.
 */
public class ShadowException extends ServiceRejectedException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;

    /**
     * Creates the exception from the service's error document.
     *
     * @param operation what was requested, for the message (such as "update of shadow 'x' of thing 't'")
     * @param statusCode the document's {@code code}
     * @param errorMessage the document's {@code message}
     * @param clientToken the document's {@code clientToken}, or null
     * @param timestamp the document's {@code timestamp}, or null
     */
    public ShadowException(String operation, int statusCode, String errorMessage, String clientToken, Instant timestamp) {
        super("Device Shadow rejected the " + operation + ": " + statusCode + " " + errorMessage, errorMessage,
                clientToken, timestamp);
        this.statusCode = statusCode;
    }

    /**
     * The error code.
     *
     * @return the code, {@link ShadowErrorCode#UNKNOWN} for one this library does not know
     */
    public ShadowErrorCode code() {
        return ShadowErrorCode.of(statusCode);
    }

    /**
     * The status code as the service sent it.
     *
     * @return the {@code code} field
     */
    public int statusCode() {
        return statusCode;
    }



}
