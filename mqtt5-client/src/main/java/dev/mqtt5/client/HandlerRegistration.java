package dev.mqtt5.client;

/**
 * A handler registered with {@link Mqtt5Client#addHandler}, without a subscription of its own.
 * Closing it removes the route: publishes the client processes after {@link #close()} returns no
 * longer reach the handler through it (a publish already handed to the handler is still
 * delivered, and must still be acknowledged). Thread-safe.
 */
public interface HandlerRegistration extends AutoCloseable {

    /** Removes the route; from any thread, at any time. Closing it again has no further effect. */
    @Override
    void close();
}
