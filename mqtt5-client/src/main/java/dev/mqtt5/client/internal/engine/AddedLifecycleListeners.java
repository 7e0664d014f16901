package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.lifecycle.LifecycleListenerRegistration;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle listeners added after the client was built ({@code Mqtt5Client#addLifecycleListener}),
 * for libraries layered on an existing client; the options' listener is not among them. Thread-safe.
 */
final class AddedLifecycleListeners {

    private static final Logger log = LoggerFactory.getLogger(AddedLifecycleListeners.class);

    private final CopyOnWriteArrayList<LifecycleListener> listeners = new CopyOnWriteArrayList<>();

    LifecycleListenerRegistration add(LifecycleListener listener) {
        Objects.requireNonNull(listener, "listener must not be null");
        // A wrapper per registration: the same listener added twice is two registrations.
        Registration registration = new Registration(listener);
        listeners.add(registration);
        return registration;
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** Calls every listener added so far; one that throws is logged and does not keep the others from the event. */
    void each(Consumer<LifecycleListener> call) {
        for (LifecycleListener listener : listeners) {
            try {
                call.accept(((Registration) listener).listener);
            } catch (RuntimeException e) {
                log.warn("MQTT 5 lifecycle listener {} threw an exception; the client continues",
                        ((Registration) listener).listener, e);
            }
        }
    }

    /** An added listener and the handle that removes it. */
    private final class Registration implements LifecycleListener, LifecycleListenerRegistration {

        final LifecycleListener listener;

        Registration(LifecycleListener listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            listeners.remove(this);
        }
    }
}
