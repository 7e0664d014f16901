package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.PublishReceivedListener;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.PublishPacket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Moves user code off the event loop. Listener callbacks (lifecycle and received publishes) run
 * one at a time, in order, on a serial executor; futures are completed on the callback executor
 * itself, not behind the listeners, so a listener that blocks on {@code publish(...).join()}
 * cannot deadlock the client.
 */
final class CallbackDispatcher {

    private static final LifecycleListener NO_LIFECYCLE = new LifecycleListener() {
    };

    private final Executor executor;
    private final SerialExecutor listeners;
    private final LifecycleListener lifecycle;
    private final PublishReceivedListener publishes;

    CallbackDispatcher(Executor executor, LifecycleListener lifecycle, PublishReceivedListener publishes) {
        this.executor = executor != null ? executor : CallbackPool.get();
        this.listeners = new SerialExecutor(this.executor);
        this.lifecycle = lifecycle != null ? lifecycle : NO_LIFECYCLE;
        this.publishes = publishes;
    }

    void lifecycle(Consumer<LifecycleListener> event) {
        listeners.execute(() -> event.accept(lifecycle));
    }

    Executor executor() {
        return executor;
    }

    boolean hasPublishListener() {
        return publishes != null;
    }

    /** Delivers a publish to the listener, then runs {@code afterReturn} (which acknowledges it). */
    void publishReceived(PublishPacket publish, Runnable afterReturn) {
        listeners.execute(() -> {
            try {
                publishes.onPublishReceived(publish);
            } finally {
                afterReturn.run();
            }
        });
    }

    <T> void complete(CompletableFuture<T> future, T value) {
        executor.execute(() -> future.complete(value));
    }

    void fail(CompletableFuture<?> future, Throwable cause) {
        executor.execute(() -> future.completeExceptionally(cause));
    }
}
