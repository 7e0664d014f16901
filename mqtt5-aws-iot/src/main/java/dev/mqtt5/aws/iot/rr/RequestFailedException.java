package dev.mqtt5.aws.iot.rr;

import dev.mqtt5.aws.iot.AwsIotException;

/**
 * A request, or a stream's subscription, failed before the service answered: the MQTT session
 * was lost while it waited for its reply (the service may or may not have acted on it), a
 * SUBSCRIBE or PUBLISH failed (the cause is the MQTT client's exception), the subscription budget
 * cannot hold it, or the request-response client was closed.
 */
public final class RequestFailedException extends AwsIotException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do about it
     */
    public RequestFailedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the MQTT failure that caused it.
     *
     * @param message what failed and what to do about it
     * @param cause the MQTT client's exception
     */
    public RequestFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
