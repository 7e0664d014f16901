package dev.mqtt5.client.lifecycle;

/**
 * Receives the client's lifecycle events. Every method has an empty default, so implement only
 * what you need.
 *
 * <p>Events come on the client's callback executor, never on a network thread, one at a time and
 * in this order: {@code AttemptingConnect}, then exactly one of {@code ConnectionSuccess} or
 * {@code ConnectionFailure}; every {@code ConnectionSuccess} is followed by exactly one
 * {@code Disconnection}; {@code Stopped} comes last after {@code stop()}. A listener may block;
 * the client keeps working, only later events wait.
 */
public interface LifecycleListener {

    /** A connection attempt begins. */
    default void onAttemptingConnect(AttemptingConnectEvent event) {
    }

    /** The server accepted the connection. */
    default void onConnectionSuccess(ConnectionSuccessEvent event) {
    }

    /** A connection attempt failed; the client will try again unless stopped. */
    default void onConnectionFailure(ConnectionFailureEvent event) {
    }

    /** An established connection ended; the client will reconnect unless stopped. */
    default void onDisconnection(DisconnectionEvent event) {
    }

    /** The client stopped after {@code stop()}; it will not reconnect until started again. */
    default void onStopped(StoppedEvent event) {
    }
}
