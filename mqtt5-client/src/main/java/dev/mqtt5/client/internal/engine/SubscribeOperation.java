package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.ManualAckPublishListener;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubscribePacket;

/** A SUBSCRIBE awaiting its SUBACK. */
final class SubscribeOperation extends Operation<SubAckPacket> {

    /** The SUBSCRIBE as sent: the user's, or with a Subscription Identifier the client assigned. */
    SubscribePacket packet;
    /** The per-subscription handler, or null for the client's publish listener. */
    final ManualAckPublishListener handler;
    /**
     * Whether the client assigned the Subscription Identifier (on the event loop, see
     * {@link SubscriptionRouter#add}), and may still drop it if the server has none.
     */
    boolean assignedIdentifier;
    /** Whether the router holds routes of it, to be removed if it fails or is refused. */
    boolean routed;

    SubscribeOperation(SubscribePacket packet, java.time.Duration ackTimeout, ManualAckPublishListener handler) {
        super(PacketEncoders.subscribe(packet), ackTimeout);
        this.packet = packet;
        this.handler = handler;
    }

    @Override
    String describe() {
        return "subscribe to " + packet.subscriptions().stream().map(s -> s.topicFilter()).toList();
    }
}
