package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.internal.codec.InboundPublish;
import dev.mqtt5.client.internal.codec.OutboundPacket;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.internal.session.InboundQos2Table;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import dev.mqtt5.client.packet.PubAckPacket;
import dev.mqtt5.client.packet.PubAckReasonCode;
import dev.mqtt5.client.packet.PubCompPacket;
import dev.mqtt5.client.packet.PubCompReasonCode;
import dev.mqtt5.client.packet.PubRecPacket;
import dev.mqtt5.client.packet.PubRecReasonCode;
import dev.mqtt5.client.packet.PublishPacket;
import io.netty.channel.EventLoop;

/**
 * Received publishes: resolves inbound topic aliases, enforces the client's Receive Maximum,
 * hands each publish to the listener off the event loop, and acknowledges it when the listener
 * returns (PUBACK for QoS 1, PUBREC for QoS 2; PUBCOMP answers PUBREL). A QoS 2 publish is
 * delivered once per packet identifier until its PUBREL. Event loop only.
 */
final class InboundPublishes {

    private static final OutboundPacket PUBACK = PacketEncoders.pubAck(PubAckPacket.of(PubAckReasonCode.SUCCESS));
    private static final OutboundPacket PUBREC = PacketEncoders.pubRec(PubRecPacket.of(PubRecReasonCode.SUCCESS));
    private static final OutboundPacket PUBCOMP = PacketEncoders.pubComp(PubCompPacket.of(PubCompReasonCode.SUCCESS));
    private static final OutboundPacket PUBCOMP_NOT_FOUND =
            PacketEncoders.pubComp(PubCompPacket.of(PubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND));

    private final EventLoop loop;
    private final CallbackDispatcher callbacks;
    private final OperationQueue operations;
    private final InboundQos2Table qos2 = new InboundQos2Table();
    private final int receiveMaximum;
    private final int topicAliasMaximum;

    /** Per connection: the topics bound to inbound aliases, and the connection's generation. */
    private String[] aliases;
    private int generation;
    /** QoS 1 and 2 publishes received on this connection and not yet acknowledged. */
    private int unacknowledged;

    InboundPublishes(EventLoop loop, CallbackDispatcher callbacks, OperationQueue operations, int receiveMaximum,
            int topicAliasMaximum) {
        this.loop = loop;
        this.callbacks = callbacks;
        this.operations = operations;
        this.receiveMaximum = receiveMaximum;
        this.topicAliasMaximum = topicAliasMaximum;
    }

    /** A new connection: aliases start empty; without a session, QoS 2 state is discarded. */
    void connected(int generation, boolean sessionPresent) {
        this.generation = generation;
        this.aliases = new String[topicAliasMaximum + 1];
        this.unacknowledged = 0;
        if (!sessionPresent) {
            qos2.clear();
        }
    }

    /** The session ends (clean start next, or stop). */
    void clearSession() {
        qos2.clear();
    }

    void onPublish(InboundPublish inbound) {
        PublishPacket publish = resolveAlias(inbound.publish());
        int qos = publish.qos().value();
        int packetId = inbound.packetId();
        if (qos > 0 && ++unacknowledged > receiveMaximum) {
            throw new MqttProtocolException(DisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "the server sent more than "
                    + receiveMaximum + " unacknowledged QoS 1 and 2 publishes (the client's Receive Maximum)");
        }
        if (qos == 2 && !qos2.add(packetId)) {
            // A duplicate of a publish already delivered: acknowledge again, deliver once.
            unacknowledged--;
            operations.sendControl(PUBREC, packetId);
            return;
        }
        int gen = generation;
        Runnable ack = switch (qos) {
            case 0 -> null;
            case 1 -> () -> loop.execute(() -> acknowledge(gen, PUBACK, packetId));
            default -> () -> loop.execute(() -> acknowledge(gen, PUBREC, packetId));
        };
        if (callbacks.hasPublishListener()) {
            callbacks.publishReceived(publish, ack == null ? () -> { } : ack);
        } else if (ack != null) {
            acknowledge(gen, qos == 1 ? PUBACK : PUBREC, packetId);
        }
    }

    void onPubRel(int packetId) {
        operations.sendControl(qos2.release(packetId) ? PUBCOMP : PUBCOMP_NOT_FOUND, packetId);
    }

    private void acknowledge(int gen, OutboundPacket ack, int packetId) {
        // An ack belongs to the connection the publish came on; after a reconnect the server resends.
        if (gen != generation || !operations.isOnline()) {
            return;
        }
        unacknowledged--;
        operations.sendControl(ack, packetId);
    }

    private PublishPacket resolveAlias(PublishPacket publish) {
        Integer alias = publish.topicAlias();
        if (alias == null) {
            return publish;
        }
        if (alias == 0 || alias > topicAliasMaximum) {
            throw new MqttProtocolException(DisconnectReasonCode.TOPIC_ALIAS_INVALID, "PUBLISH: Topic Alias " + alias
                    + " is outside 1.." + topicAliasMaximum + " (the client's Topic Alias Maximum)");
        }
        if (!publish.topic().isEmpty()) {
            aliases[alias] = publish.topic();
            return publish;
        }
        String topic = aliases[alias];
        if (topic == null) {
            throw new MqttProtocolException(DisconnectReasonCode.TOPIC_ALIAS_INVALID, "PUBLISH: Topic Alias " + alias
                    + " has no topic bound to it on this connection");
        }
        return publish.toBuilder().topic(topic).build();
    }
}
