package dev.mqtt5.aws.iot.rr;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * An open stream of service events on one topic filter (a shadow's deltas, a thing's next job),
 * from {@link RequestResponseClient#openStream}. Its subscription comes from the streaming part of
 * the budget and is shared with other streams on the same filter.
 *
 * <p>The subscription-status handler hears {@link SubscriptionStatusEventType#SUBSCRIPTION_ESTABLISHED}
 * once the server has acknowledged the SUBSCRIBE; {@code SUBSCRIPTION_LOST} when a connection
 * comes up without the session that held it, then {@code SUBSCRIPTION_ESTABLISHED} again once the
 * client has subscribed anew; {@code SUBSCRIPTION_HALTED} when it cannot subscribe (refused, or the
 * streaming budget is full), after which the stream is closed. Both handlers run on the
 * request-response client's callback executor, one call at a time per stream, in order; they may
 * block (only this stream's later calls wait). Thread-safe.
 */
public final class StreamingOperation implements AutoCloseable {

    private final RequestCoordinator coordinator;
    private final String topicFilter;
    private final Consumer<ServiceMessage> eventHandler;
    private final Consumer<SubscriptionStatusEvent> statusHandler;
    private final Executor callbacks;
    // Guarded by the coordinator's lock.
    SubscriptionEntry entry;
    boolean established;
    boolean closed;

    StreamingOperation(RequestCoordinator coordinator, String topicFilter, Consumer<ServiceMessage> eventHandler,
            Consumer<SubscriptionStatusEvent> statusHandler, Executor executor) {
        this.coordinator = coordinator;
        this.topicFilter = Objects.requireNonNull(topicFilter, "topicFilter must not be null");
        this.eventHandler = Objects.requireNonNull(eventHandler, "eventHandler must not be null");
        this.statusHandler = statusHandler != null ? statusHandler : event -> { };
        this.callbacks = new OrderedExecutor(executor);
    }

    /**
     * The topic filter the stream is subscribed to.
     *
     * @return the filter
     */
    public String topicFilter() {
        return topicFilter;
    }

    /**
     * Whether the stream is open: neither closed nor halted.
     *
     * @return true while open
     */
    public boolean isOpen() {
        return coordinator.isOpen(this);
    }

    /**
     * Closes the stream: no events after this returns, except those already handed to the
     * handler's executor; the subscription is released (unsubscribed when no other stream or
     * request uses it). Closing again does nothing. Any thread.
     */
    @Override
    public void close() {
        coordinator.close(this);
    }

    void deliver(ServiceMessage message) {
        callbacks.execute(() -> eventHandler.accept(message));
    }

    void status(SubscriptionStatusEventType type, Throwable error) {
        SubscriptionStatusEvent event = new SubscriptionStatusEvent(type, error);
        callbacks.execute(() -> statusHandler.accept(event));
    }

    @Override
    public String toString() {
        return "StreamingOperation[" + topicFilter + "]";
    }
}
