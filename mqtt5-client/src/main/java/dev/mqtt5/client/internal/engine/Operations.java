package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.UnsubAckPacket;
import dev.mqtt5.client.packet.UnsubscribePacket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** The public client's operations: validated on the caller's thread, encoded once, then handed to the engine. */
public final class Operations {

    private final ClientEngine engine;
    private final AtomicLong sequence = new AtomicLong();

    public Operations(ClientEngine engine) {
        this.engine = engine;
    }

    public CompletableFuture<PublishResult> publish(PublishPacket publish) {
        OperationValidator.publish(publish, engine.negotiatedSettings());
        return engine.submit(new PublishOperation(sequence.incrementAndGet(), publish));
    }

    public CompletableFuture<SubAckPacket> subscribe(SubscribePacket subscribe) {
        OperationValidator.subscribe(subscribe, engine.negotiatedSettings());
        return engine.submit(new SubscribeOperation(sequence.incrementAndGet(), subscribe));
    }

    public CompletableFuture<UnsubAckPacket> unsubscribe(UnsubscribePacket unsubscribe) {
        OperationValidator.unsubscribe(unsubscribe);
        return engine.submit(new UnsubscribeOperation(sequence.incrementAndGet(), unsubscribe));
    }
}
