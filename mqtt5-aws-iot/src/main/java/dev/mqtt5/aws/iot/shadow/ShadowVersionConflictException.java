package dev.mqtt5.aws.iot.shadow;

import java.time.Instant;

/**
 * The Device Shadow service rejected an update with 409: its {@code version} was not the
 * shadow's current one, because someone else updated it since it was read. Read it again and
 * retry, or let {@link ShadowClient#updateOptimistically} do that.
 */
public final class ShadowVersionConflictException extends ShadowException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from the service's error document.
     *
     * @param operation what was requested, for the message
     * @param errorMessage the document's {@code message}
     * @param clientToken the document's {@code clientToken}, or null
     * @param timestamp the document's {@code timestamp}, or null
     */
    public ShadowVersionConflictException(String operation, String errorMessage, String clientToken, Instant timestamp) {
        super(operation, 409, errorMessage, clientToken, timestamp);
    }
}
