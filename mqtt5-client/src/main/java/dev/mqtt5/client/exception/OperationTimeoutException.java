package dev.mqtt5.client.exception;

/** The server did not acknowledge an operation within its ack timeout. */
public class OperationTimeoutException extends OperationFailedException {

    private static final long serialVersionUID = 1L;

    /** @param message which operation and which timeout */
    public OperationTimeoutException(String message) {
        super(message);
    }
}
