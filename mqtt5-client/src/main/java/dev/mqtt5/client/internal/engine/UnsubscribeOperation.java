package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.packet.UnsubAckPacket;
import dev.mqtt5.client.packet.UnsubscribePacket;

/** An UNSUBSCRIBE awaiting its UNSUBACK. */
final class UnsubscribeOperation extends Operation<UnsubAckPacket> {

    final UnsubscribePacket packet;

    UnsubscribeOperation(UnsubscribePacket packet, java.time.Duration ackTimeout) {
        super(PacketEncoders.unsubscribe(packet), ackTimeout);
        this.packet = packet;
    }

    @Override
    String describe() {
        return "unsubscribe from " + packet.topicFilters();
    }
}
