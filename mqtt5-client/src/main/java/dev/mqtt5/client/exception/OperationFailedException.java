package dev.mqtt5.client.exception;

/**
 * An operation did not succeed: the server answered with an error reason code (the ack is
 * attached by the subclasses), or the offline-queue behaviour failed it when the connection ended,
 * or its acknowledgement timed out.
 */
public class OperationFailedException extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what failed and why */
    public OperationFailedException(String message) {
        super(message);
    }

    /** @param message what failed @param cause the underlying failure */
    public OperationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
