package dev.mqtt5.spring.listener;

/**
 * Decides what happens when a listener fails: log it (the default, {@link LoggingErrorHandler}),
 * try again with a backoff and then publish to a dead-letter topic ({@link RetryingErrorHandler}),
 * or anything else. Runs on the listener thread that failed; the publish is acknowledged (with
 * {@link AckMode#AUTO}) when this method returns or throws.
 */
@FunctionalInterface
public interface Mqtt5ListenerErrorHandler {

    /**
     * Handles a failed delivery.
     *
     * @param failure the failed delivery: the publish, the exception, a way to try again
     */
    void handle(FailedDelivery failure);
}
