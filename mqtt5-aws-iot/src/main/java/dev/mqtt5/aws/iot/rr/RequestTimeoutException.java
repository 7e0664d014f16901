package dev.mqtt5.aws.iot.rr;

import dev.mqtt5.aws.iot.AwsIotException;
import java.time.Duration;

/**
 * A request got no reply within its operation timeout ({@link RequestResponseOptions#operationTimeout()}),
 * which covers the whole request: waiting for a subscription slot, subscribing, publishing and the
 * reply. The message says which of these it was waiting for.
 */
public final class RequestTimeoutException extends AwsIotException {

    private static final long serialVersionUID = 1L;

    private final transient Duration timeout;

    /**
     * Creates the exception.
     *
     * @param message what the request was waiting for
     * @param timeout the operation timeout that expired
     */
    public RequestTimeoutException(String message, Duration timeout) {
        super(message);
        this.timeout = timeout;
    }

    /**
     * The operation timeout that expired.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }
}
