package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.UnsubAckPacket;
import dev.mqtt5.client.packet.UnsubscribePacket;
import dev.mqtt5.client.ManualAckPublishListener;
import dev.mqtt5.client.PublishReceivedListener;
import dev.mqtt5.client.lifecycle.NegotiatedSettings;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The public client's operations: validated on the caller's thread, encoded once, then handed to the engine. */
public final class Operations {

    private final ClientEngine engine;
    /** Whether AWS IoT Core's limits are checked before operations are queued. */
    private final boolean iotCoreValidation;
    /** Whether a publish observer wants each publish's latency (else no clock read per publish). */
    private final boolean observed;
    private static final int SUBSCRIPTION_ID_MAX = 268_435_455;

    private static final VarHandle SUBSCRIPTION_IDS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SUBSCRIPTION_IDS = lookup.findVarHandle(Operations.class, "subscriptionIds", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Updated through the VarHandle above (a field, not an AtomicLong: an idle client holds thousands of these).
    @SuppressWarnings("unused")
    private volatile long subscriptionIds;

    public Operations(ClientEngine engine) {
        this.engine = engine;
        this.iotCoreValidation = engine.options().iotCoreValidation();
        this.observed = engine.options().publishObserver() != null;
    }

    public CompletableFuture<PublishResult> publish(PublishPacket publish, Duration ackTimeout) {
        if (iotCoreValidation) {
            IotCoreLimits.publish(publish);
        }
        OperationValidator.publish(publish, engine.negotiatedSettings(), engine.options().topicAliasing());
        return engine.submit(new PublishOperation(publish, positive(ackTimeout), observed));
    }

    public CompletableFuture<SubAckPacket> subscribe(SubscribePacket subscribe, ManualAckPublishListener handler,
            Duration ackTimeout) {
        if (iotCoreValidation) {
            IotCoreLimits.subscribe(subscribe);
        }
        NegotiatedSettings settings = engine.negotiatedSettings();
        OperationValidator.subscribe(subscribe, settings);
        boolean assignId = handler != null && subscribe.subscriptionIdentifier() == null
                && (settings == null || settings.subscriptionIdentifiersAvailable());
        SubscribePacket sent = assignId ? new SubscribePacket(subscribe.subscriptions(), nextSubscriptionId(),
                subscribe.userProperties()) : subscribe;
        return engine.submit(new SubscribeOperation(sent, positive(ackTimeout), handler,
                assignId));
    }

    public CompletableFuture<UnsubAckPacket> unsubscribe(UnsubscribePacket unsubscribe, Duration ackTimeout) {
        if (iotCoreValidation) {
            IotCoreLimits.unsubscribe(unsubscribe);
        }
        OperationValidator.unsubscribe(unsubscribe);
        return engine.submit(new UnsubscribeOperation(unsubscribe, positive(ackTimeout)));
    }

    /** Identifiers the client assigns to subscriptions with handlers count down from the top of the range, away from the application's. */
    private int nextSubscriptionId() {
        return SUBSCRIPTION_ID_MAX - (int) ((long) SUBSCRIPTION_IDS.getAndAdd(this, 1L) % (SUBSCRIPTION_ID_MAX / 2));
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
