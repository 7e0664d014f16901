package dev.mqtt5.spring.autoconfigure;

import java.time.Duration;

/**
 * The client did not connect while startup waited for it
 * ({@code aws.iot.mqtt5.startup.wait-for-connection}); the cause is the last failed attempt's,
 * when there was one. {@code Mqtt5StartupFailureAnalyzer} turns it into the property to fix.
 */
public class Mqtt5StartupConnectionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String endpoint;

    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param endpoint the host and port the client connected to
     * @param timeout how long startup waited
     * @param lastFailure the last failed attempt's cause, or null
     */
    public Mqtt5StartupConnectionException(String message, String endpoint, Duration timeout, Throwable lastFailure) {
        super(message, lastFailure);
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    /** The host and port the client connected to. */
    public String getEndpoint() {
        return this.endpoint;
    }

    /** How long startup waited. */
    public Duration getTimeout() {
        return this.timeout;
    }
}
