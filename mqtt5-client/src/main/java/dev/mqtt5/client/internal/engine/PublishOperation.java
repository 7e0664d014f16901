package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.internal.codec.EncodedTopic;
import dev.mqtt5.client.internal.codec.OutboundPacket;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.packet.PubRecPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;

/** A publish at any QoS; a QoS 2 publish remembers its PUBREC while it waits for PUBCOMP. */
final class PublishOperation extends Operation<PublishResult> {

    final PublishPacket packet;
    /** The encoding written on the current connection (with a topic alias, under LRU aliasing). */
    OutboundPacket wire;
    /** QoS 2 only: the PUBREC received, after which PUBREL (not PUBLISH) is what gets resent. */
    PubRecPacket pubRec;

    /** When it was submitted (System.nanoTime), for the publish observer's latency; 0 without an observer. */
    final long submittedNanos;

    PublishOperation(PublishPacket packet, EncodedTopic topic, java.time.Duration ackTimeout, boolean observed) {
        super(PacketEncoders.publish(packet, topic), ackTimeout);
        this.packet = packet;
        this.submittedNanos = observed ? System.nanoTime() : 0;
    }

    @Override
    boolean needsAck() {
        return packet.qos().value() > 0;
    }

    @Override
    boolean isPublish() {
        return true;
    }

    @Override
    int qos() {
        return packet.qos().value();
    }

    @Override
    String describe() {
        return "publish to '" + packet.topic() + "' (QoS " + qos() + ")";
    }

}
