package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubscribePacket;

/** A SUBSCRIBE awaiting its SUBACK. */
final class SubscribeOperation extends Operation<SubAckPacket> {

    final SubscribePacket packet;

    SubscribeOperation(long sequence, SubscribePacket packet) {
        super(sequence, PacketEncoders.subscribe(packet));
        this.packet = packet;
    }

    @Override
    boolean needsAck() {
        return true;
    }

    @Override
    boolean isPublish() {
        return false;
    }

    @Override
    int qos() {
        return 0;
    }

    @Override
    String describe() {
        return "subscribe to " + packet.subscriptions().stream().map(s -> s.topicFilter()).toList();
    }
}
