package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.UnsubAckPacket;
import dev.mqtt5.client.packet.UnsubscribePacket;
import dev.mqtt5.client.HandlerRegistration;
import dev.mqtt5.client.ManualAckPublishListener;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.PublishReceivedListener;
import dev.mqtt5.client.internal.codec.EncodedTopic;
import dev.mqtt5.client.internal.codec.Topics;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.lifecycle.LifecycleListenerRegistration;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The public client's operations: validated on the caller's thread, encoded once, then handed to
 * the engine. Stateless: a client holds no object of its own for them.
 */
public final class Operations {

    private Operations() {
    }

    /** {@code topic}: the publish's topic checked and encoded ahead (see {@link EncodedTopic}), or null. */
    public static CompletableFuture<PublishResult> publish(ClientEngine engine, PublishPacket publish,
            EncodedTopic topic, Duration ackTimeout) {
        Mqtt5ClientOptions options = engine.options();
        if (options.iotCoreValidation()) {
            IotCoreLimits.publish(publish);
        }
        OperationValidator.publish(publish, topic != null, engine.negotiatedSettings(), options);
        // The clock is read per publish only for a publish observer (its latency).
        return engine.submit(new PublishOperation(publish, topic, positive(ackTimeout),
                options.publishObserver() != null));
    }

    /**
     * A subscription with a handler gets its Subscription Identifier on the event loop, where the
     * identifiers in use on the client are known; there too a user-chosen identifier the client
     * assigned to a live handler subscription fails the future (see {@link SubscriptionRouter#add}).
     */
    public static CompletableFuture<SubAckPacket> subscribe(ClientEngine engine, SubscribePacket subscribe,
            ManualAckPublishListener handler, Duration ackTimeout) {
        if (engine.options().iotCoreValidation()) {
            IotCoreLimits.subscribe(subscribe);
        }
        OperationValidator.subscribe(subscribe, engine.negotiatedSettings(),
                engine.options().allowDiscouragedCharacters());
        return engine.submit(new SubscribeOperation(subscribe, positive(ackTimeout), handler));
    }

    public static CompletableFuture<UnsubAckPacket> unsubscribe(ClientEngine engine, UnsubscribePacket unsubscribe,
            Duration ackTimeout) {
        if (engine.options().iotCoreValidation()) {
            IotCoreLimits.unsubscribe(unsubscribe);
        }
        OperationValidator.unsubscribe(unsubscribe, engine.options().allowDiscouragedCharacters());
        return engine.submit(new UnsubscribeOperation(unsubscribe, positive(ackTimeout)));
    }

    /**
     * Routes publishes that match the filters, and no subscription's handler claims, to the
     * handler (see {@link StandingRoutes}); the filters are checked as a SUBSCRIBE's are.
     */
    public static HandlerRegistration addHandler(ClientEngine engine, List<String> topicFilters,
            ManualAckPublishListener handler) {
        Objects.requireNonNull(topicFilters, "topicFilters must not be null");
        Objects.requireNonNull(handler, "handler must not be null");
        if (topicFilters.isEmpty()) {
            throw new IllegalArgumentException("addHandler topicFilters must not be empty");
        }
        String[] filters = new String[topicFilters.size()];
        for (int i = 0; i < filters.length; i++) {
            String field = "addHandler topicFilters[" + i + "]";
            filters[i] = Objects.requireNonNull(topicFilters.get(i), field + " must not be null");
            Topics.checkTopicFilter(field, filters[i], engine.options().allowDiscouragedCharacters());
        }
        return engine.standingRoutes().add(filters, handler);
    }

    /** Adds a lifecycle listener next to the options' one (see {@link AddedLifecycleListeners}). */
    public static LifecycleListenerRegistration addLifecycleListener(ClientEngine engine, LifecycleListener listener) {
        return engine.operations().callbacks.addLifecycleListener(listener);
    }

    /** Adapts a listener that acknowledges by returning: the ack is sent when it returns, even by throwing. */
    public static ManualAckPublishListener acknowledgingOnReturn(PublishReceivedListener listener) {
        return CallbackDispatcher.autoAcknowledging(listener);
    }

    private static Duration positive(Duration ackTimeout) {
        if (ackTimeout != null && (ackTimeout.isNegative() || ackTimeout.isZero())) {
            throw new IllegalArgumentException("ackTimeout must be positive, was " + ackTimeout);
        }
        return ackTimeout;
    }
}
