package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.Acknowledgement;
import dev.mqtt5.client.ManualAckPublishListener;
import dev.mqtt5.client.PublishReceivedListener;
import dev.mqtt5.client.lifecycle.AttemptingConnectEvent;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.lifecycle.LifecycleListenerRegistration;
import dev.mqtt5.client.lifecycle.NegotiatedSettings;
import dev.mqtt5.client.lifecycle.StoppedEvent;
import dev.mqtt5.client.packet.ConnAckPacket;
import dev.mqtt5.client.packet.DisconnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Moves user code off the event loop. Listener callbacks (lifecycle, received publishes,
 * per-subscription handlers) run one at a time, in order, on a serial executor; futures are
 * completed on the callback executor itself, not behind the listeners, so a listener that blocks
 * on {@code publish(...).join()} cannot deadlock the client.
 */
final class CallbackDispatcher {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CallbackDispatcher.class);

    private static final LifecycleListener NO_LIFECYCLE = new LifecycleListener() {
    };
    private static final int ATTEMPTING_CONNECT = 1;
    private static final int CONNECTION_SUCCESS = 1 << 1;
    private static final int CONNECTION_FAILURE = 1 << 2;
    private static final int DISCONNECTION = 1 << 3;
    private static final int STOPPED = 1 << 4;
    /**
     * The lifecycle events a listener class handles: one bit per {@link LifecycleListener} method
     * it overrides. An event whose method is the interface's empty default is not dispatched at
     * all, which spares a thread hand-off per event (measured on connect and stop).
     */
    private static final ClassValue<Integer> HANDLED_EVENTS = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return overrides(type, "onAttemptingConnect", AttemptingConnectEvent.class, ATTEMPTING_CONNECT)
                    | overrides(type, "onConnectionSuccess", ConnectionSuccessEvent.class, CONNECTION_SUCCESS)
                    | overrides(type, "onConnectionFailure", ConnectionFailureEvent.class, CONNECTION_FAILURE)
                    | overrides(type, "onDisconnection", DisconnectionEvent.class, DISCONNECTION)
                    | overrides(type, "onStopped", StoppedEvent.class, STOPPED);
        }
    };

    private final EventLoop loop;
    /** Runs the listeners in order, on the callback executor (its delegate). */
    private final SerialExecutor listeners;
    /**
     * Futures to complete and their outcomes, alternating; gathered on the loop, handed over whole
     * to one task that completes them. A new list each time, created with the first completion
     * (an idle client holds none): a list kept across hand-overs would age into the old
     * generation, where each reference stored costs G1 a card mark (see {@link WriteBatch}).
     */
    private ArrayList<Object> completions;
    /** The size of the last list handed over: the starting capacity of the next. */
    private int lastCompletions;
    private boolean flushScheduled;
    private final LifecycleListener lifecycle;
    /** Listeners added after the client was built; they get every event, after {@link #lifecycle}. */
    private final AddedLifecycleListeners added = new AddedLifecycleListeners();
    /** {@link #HANDLED_EVENTS} of the lifecycle listener. */
    private final int lifecycleEvents;
    /** The client's own publish listener, in one of its two forms (or neither): no adapter object per client. */
    private final ManualAckPublishListener manualAckListener;
    private final PublishReceivedListener autoAckListener;

    CallbackDispatcher(EventLoop loop, Executor executor, LifecycleListener lifecycle, PublishReceivedListener autoAck,
            ManualAckPublishListener manualAck) {
        this.loop = loop;
        this.listeners = new SerialExecutor(executor != null ? executor : CallbackPool.get());
        this.lifecycle = lifecycle != null ? lifecycle : NO_LIFECYCLE;
        this.lifecycleEvents = HANDLED_EVENTS.get(this.lifecycle.getClass());
        this.manualAckListener = manualAck;
        this.autoAckListener = manualAck != null ? null : autoAck;
    }

    /** Adapts a listener that acknowledges by returning: the ack is sent when it returns, even by throwing. */
    static ManualAckPublishListener autoAcknowledging(PublishReceivedListener listener) {
        if (listener == null) {
            return null;
        }
        return (publish, ack) -> acknowledgeAfter(listener, publish, ack);
    }

    private static void acknowledgeAfter(PublishReceivedListener listener, PublishPacket publish, Acknowledgement ack) {
        try {
            listener.onPublishReceived(publish);
        } finally {
            ack.acknowledge();
        }
    }

    Executor executor() {
        return listeners.delegate();
    }

    /** Whether the client has a publish listener of its own. */
    boolean hasPublishListener() {
        return manualAckListener != null || autoAckListener != null;
    }

    /** Runs the client's own publish listener on the serial executor; see {@link #hasPublishListener()}. */
    void deliverToListener(PublishPacket publish, Acknowledgement ack) {
        if (manualAckListener != null) {
            deliver(manualAckListener, publish, ack);
        } else {
            PublishReceivedListener listener = autoAckListener;
            listeners.execute(() -> acknowledgeAfter(listener, publish, ack));
        }
    }

    private static int overrides(Class<?> type, String method, Class<?> event, int bit) {
        try {
            return type.getMethod(method, event).getDeclaringClass() == LifecycleListener.class ? 0 : bit;
        } catch (NoSuchMethodException | SecurityException e) {
            return bit; // cannot tell: dispatch
        }
    }

    private boolean handles(int event) {
        return (lifecycleEvents & event) != 0 || !added.isEmpty();
    }

    /** Adds a lifecycle listener next to the options' one; any thread. */
    LifecycleListenerRegistration addLifecycleListener(LifecycleListener listener) {
        return added.add(listener);
    }

    void attemptingConnect(int attempt) {
        if (handles(ATTEMPTING_CONNECT)) {
            listeners.execute(() -> {
                AttemptingConnectEvent event = new AttemptingConnectEvent(attempt);
                lifecycle.onAttemptingConnect(event);
                added.each(listener -> listener.onAttemptingConnect(event));
            });
        }
    }

    void connectionSuccess(ConnAckPacket connAck, NegotiatedSettings settings) {
        if (handles(CONNECTION_SUCCESS)) {
            listeners.execute(() -> {
                ConnectionSuccessEvent event = new ConnectionSuccessEvent(connAck, settings);
                lifecycle.onConnectionSuccess(event);
                added.each(listener -> listener.onConnectionSuccess(event));
            });
        }
    }

    void connectionFailure(Throwable cause, ConnAckPacket connAck) {
        if (handles(CONNECTION_FAILURE)) {
            listeners.execute(() -> {
                ConnectionFailureEvent event = new ConnectionFailureEvent(cause, connAck);
                lifecycle.onConnectionFailure(event);
                added.each(listener -> listener.onConnectionFailure(event));
            });
        }
    }

    void disconnection(Throwable cause, DisconnectPacket received) {
        if (handles(DISCONNECTION)) {
            listeners.execute(() -> {
                DisconnectionEvent event = new DisconnectionEvent(cause, received);
                lifecycle.onDisconnection(event);
                added.each(listener -> listener.onDisconnection(event));
            });
        }
    }

    void stopped() {
        if (handles(STOPPED)) {
            listeners.execute(() -> {
                StoppedEvent event = new StoppedEvent();
                lifecycle.onStopped(event);
                added.each(listener -> listener.onStopped(event));
            });
        }
    }

    /** Runs a task after the lifecycle events dispatched so far, on the serial executor. */
    void afterEvents(Runnable task) {
        listeners.execute(task);
    }

    /** Runs a publish handler on the serial executor. */
    void deliver(ManualAckPublishListener handler, PublishPacket publish, Acknowledgement ack) {
        listeners.execute(() -> handler.onPublishReceived(publish, ack));
    }

    /**
     * Completes a future off the loop. Completions made during one pass of the event loop are
     * handed over together and run in order, so that a burst of acks costs one task, not one each.
     */
    <T> void complete(CompletableFuture<T> future, T value) {
        gather(future, value);
    }

    void fail(CompletableFuture<?> future, Throwable cause) {
        gather(future, new Failure(cause));
    }

    private record Failure(Throwable cause) {
    }

    /** Runs a short task with the completions of this loop pass, off the loop (observers). */
    void runWithCompletions(Runnable task) {
        gather(null, task);
    }

    /** Gathers a completion; a null future marks a task to run among the completions. */
    private void gather(CompletableFuture<?> future, Object outcome) {
        if (!loop.inEventLoop()) {
            executor().execute(() -> settle(future, outcome));
            return;
        }
        if (completions == null) {
            completions = new ArrayList<>(Math.max(lastCompletions, 4));
        }
        completions.add(future);
        completions.add(outcome);
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(this::flush);
        }
    }

    private void flush() {
        flushScheduled = false;
        ArrayList<Object> batch = completions;
        completions = null;
        lastCompletions = batch.size();
        executor().execute(() -> {
            for (int i = 0, n = batch.size(); i < n; i += 2) {
                settle((CompletableFuture<?>) batch.get(i), batch.get(i + 1));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void settle(CompletableFuture<?> future, Object outcome) {
        if (future == null) {
            try {
                ((Runnable) outcome).run();
            } catch (RuntimeException e) {
                log.warn("MQTT 5 publish observer threw an exception; the client continues", e);
            }
        } else if (outcome instanceof Failure failure) {
            future.completeExceptionally(failure.cause());
        } else {
            ((CompletableFuture<Object>) future).complete(outcome);
        }
    }
}
