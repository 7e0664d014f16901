package dev.mqtt5.spring.core;

/** No reply arrived within the timeout of a {@link Mqtt5Template} request. */
public class Mqtt5ReplyTimeoutException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what was requested, where the reply was awaited, and for how long
     */
    public Mqtt5ReplyTimeoutException(String message) {
        super(message);
    }
}
