package dev.mqtt5.client.lifecycle;

/**
 * A lifecycle listener added with {@code Mqtt5Client#addLifecycleListener}. Closing it removes
 * the listener: events the client dispatches after {@link #close()} returns no longer reach it.
 * Thread-safe.
 */
public interface LifecycleListenerRegistration extends AutoCloseable {

    /** Removes the listener; from any thread, listener callbacks included. Closing it again has no further effect. */
    @Override
    void close();
}
