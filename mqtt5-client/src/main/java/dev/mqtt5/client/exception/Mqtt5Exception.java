package dev.mqtt5.client.exception;

/** The base of every failure the client reports, through a future, a lifecycle event or a thrown exception. */
public class Mqtt5Exception extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with a message that says what went wrong and, where it helps, what to do. */
    public Mqtt5Exception(String message) {
        super(message);
    }

    /** A failure caused by another exception. */
    public Mqtt5Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
