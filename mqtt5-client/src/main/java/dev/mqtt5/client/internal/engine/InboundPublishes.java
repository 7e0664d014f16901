package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.Acknowledgement;
import dev.mqtt5.client.ManualAckPublishListener;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.PublishObserver;
import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.internal.codec.InboundPublish;
import dev.mqtt5.client.internal.codec.OutboundPacket;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.internal.codec.WellFormedUtf8;
import dev.mqtt5.client.internal.session.InboundQos2Table;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import dev.mqtt5.client.packet.PayloadFormat;
import dev.mqtt5.client.packet.PubAckPacket;
import dev.mqtt5.client.packet.PubAckReasonCode;
import dev.mqtt5.client.packet.PubCompPacket;
import dev.mqtt5.client.packet.PubCompReasonCode;
import dev.mqtt5.client.packet.PubRecPacket;
import dev.mqtt5.client.packet.PubRecReasonCode;
import dev.mqtt5.client.packet.PublishPacket;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Received publishes: resolves inbound topic aliases, enforces the client's Receive Maximum,
 * routes each publish to its per-subscription handlers, else to the standing routes
 * ({@link StandingRoutes}), else to the client's listener (off the event loop), and sends PUBACK
 * or PUBREC once they acknowledge it, in the order the publishes arrived (MQTT-4.6.0-3,
 * MQTT-4.6.0-4). A QoS 2 publish is delivered once per packet identifier until its PUBREL, which
 * PUBCOMP answers; the acks of one flow leave in flow order, PUBRECs (a duplicate's too) before
 * the PUBCOMP, never after it, even when the server sends PUBREL before the client's PUBREC left
 * (see {@link InboundQos2Table}). A QoS 1 or 2 publish nothing takes is acknowledged at once, or,
 * with {@code acknowledgeUnroutedPublishes} false, withheld: never acknowledged on this
 * connection, so that the server sends it again on the next one. Event loop only, except
 * {@link #acknowledged} and the standing routes.
 */
final class InboundPublishes {

    private static final OutboundPacket PUBACK = PacketEncoders.pubAck(PubAckPacket.of(PubAckReasonCode.SUCCESS));
    private static final OutboundPacket PUBREC = PacketEncoders.pubRec(PubRecPacket.of(PubRecReasonCode.SUCCESS));
    private static final OutboundPacket PUBACK_PAYLOAD_FORMAT_INVALID =
            PacketEncoders.pubAck(PubAckPacket.of(PubAckReasonCode.PAYLOAD_FORMAT_INVALID));
    private static final OutboundPacket PUBREC_PAYLOAD_FORMAT_INVALID =
            PacketEncoders.pubRec(PubRecPacket.of(PubRecReasonCode.PAYLOAD_FORMAT_INVALID));
    private static final OutboundPacket PUBCOMP = PacketEncoders.pubComp(PubCompPacket.of(PubCompReasonCode.SUCCESS));
    private static final OutboundPacket PUBCOMP_NOT_FOUND =
            PacketEncoders.pubComp(PubCompPacket.of(PubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND));
    private static final Acknowledgement NOTHING_TO_ACK = () -> { };
    private static final String[] NO_ALIASES = new String[1];

    /** Also gives the event loop, the callback dispatcher and the subscription router, which the two share. */
    private final OperationQueue operations;
    /** QoS 2 publishes awaiting their PUBREL; created on the first one, dropped with the session. */
    private InboundQos2Table qos2;
    private final int receiveMaximum;
    private final int topicAliasMaximum;
    private final PublishObserver observer;
    private final boolean acknowledgeUnrouted;
    private final ConnectionLog log;
    private final StandingRoutes standingRoutes = new StandingRoutes();

    // Per connection.
    private String[] aliases;
    private int generation;
    /** Acknowledgements owed on this connection, in arrival order; the head leaves first. */
    private ArrayDeque<PendingAck> owed;
    /** QoS 1 publishes in {@link #owed}; QoS 2 ones count until PUBCOMP, through the QoS 2 table. */
    private int owedQos1;
    /**
     * QoS 1 and 2 publishes withheld on this connection: in no other count, never acknowledged,
     * but the server counts them in flight until the connection ends, so the client does too.
     */
    private int withheld;

    InboundPublishes(OperationQueue operations, Mqtt5ClientOptions options, ConnectionLog log) {
        ConnectPacket connect = options.connectOptions();
        this.operations = operations;
        this.receiveMaximum = connect.receiveMaximum() != null ? connect.receiveMaximum() : 65535;
        this.topicAliasMaximum = connect.topicAliasMaximum() != null ? connect.topicAliasMaximum() : 0;
        this.observer = options.publishObserver();
        this.acknowledgeUnrouted = options.acknowledgeUnroutedPublishes();
        this.log = log;
    }

    /** The handlers registered without subscribing; any thread. */
    StandingRoutes standingRoutes() {
        return standingRoutes;
    }

    /** A new connection: aliases start empty, acknowledgements owed on the old one are void. */
    void connected(int generation, boolean sessionPresent) {
        this.generation = generation;
        this.aliases = topicAliasMaximum == 0 ? NO_ALIASES : new String[topicAliasMaximum + 1];
        if (owed != null) {
            owed.clear();
        }
        this.owedQos1 = 0;
        this.withheld = 0;
        if (!sessionPresent) {
            qos2 = null;
        } else if (qos2 != null) {
            qos2.connectionChanged();
        }
    }

    /** The session ends (clean start next, or stop). */
    void clearSession() {
        qos2 = null;
    }

    /**
     * Delivers a received publish, refuses it for its payload ({@link #refusedForItsPayload}), or
     * acknowledges or withholds one that nothing takes ({@link #unrouted}).
     */
    void onPublish(InboundPublish inbound) {
        PublishPacket publish = resolveAlias(inbound.publish());
        if (publish.payloadFormat() == PayloadFormat.UTF8 && refusedForItsPayload(inbound.packetId(), publish)) {
            log.payloadRefused(publish);
            return;
        }
        int qos = publish.qos().value();
        int packetId = inbound.packetId();
        boolean duplicate = qos == 2 && qos2 != null && qos2.contains(packetId);
        if (qos > 0 && !duplicate && owedQos1 + withheld + (qos2 == null ? 0 : qos2.size()) >= receiveMaximum) {
            throw new MqttProtocolException(DisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "the server sent more than "
                    + receiveMaximum + " unacknowledged QoS 1 and 2 publishes (the client's Receive Maximum)");
        }
        if (duplicate) {
            if (qos2.released(packetId)) {
                // Sent again after its PUBREL: a PUBREC now would follow the PUBCOMP owed, and could
                // be taken for the PUBREC of a new message with this identifier.
                return;
            }
            // A duplicate of a publish already delivered: acknowledged again in turn, not delivered again.
            qos2.pubRecOwed(packetId);
            PendingAck again = new PendingAck(this, generation, packetId, qos, 1);
            owed().add(again);
            again.done = true;
            flushAcks();
            return;
        }
        if (observer != null) {
            operations.callbacks.runWithCompletions(() -> observer.publishReceived(publish));
        }
        // Subscriptions' handlers first; the standing routes only take what none of them claims,
        // so a handler registered both ways gets a publish once.
        List<ManualAckPublishListener> handlers = operations.router().route(publish);
        if (handlers.isEmpty()) {
            handlers = standingRoutes.route(publish.topic());
        }
        if (handlers.isEmpty() && !operations.callbacks.hasPublishListener()) {
            unrouted(publish, packetId, qos);
            return;
        }
        PendingAck ack = qos > 0 ? owe(packetId, qos, Math.max(handlers.size(), 1)) : null;
        Acknowledgement handle = ack != null ? ack.forOneHandler() : NOTHING_TO_ACK;
        if (handlers.isEmpty()) {
            operations.callbacks.deliverToListener(publish, handle);
        } else {
            for (ManualAckPublishListener handler : handlers) {
                operations.callbacks.deliver(handler, publish, handle);
            }
        }
    }

    /** Starts the acknowledgement of a QoS 1 or 2 publish, in arrival order, once its handlers acknowledged it. */
    private PendingAck owe(int packetId, int qos, int handlers) {
        if (qos == 2) {
            if (qos2 == null) {
                qos2 = new InboundQos2Table();
            }
            qos2.pubRecOwed(packetId);
        } else {
            owedQos1++;
        }
        PendingAck ack = new PendingAck(this, generation, packetId, qos, handlers);
        owed().add(ack);
        return ack;
    }

    /**
     * A publish no handler or listener takes: QoS 0 is dropped; QoS 1 and 2 are acknowledged in
     * turn, or withheld. A withheld publish takes no place in the order of the acknowledgements
     * (those of later publishes do not wait for it) and no QoS 2 flow (the server's resend on the
     * next connection is new, not a duplicate), but counts against the Receive Maximum until the
     * connection ends, as it does on the server.
     */
    private void unrouted(PublishPacket publish, int packetId, int qos) {
        if (qos == 0) {
            return;
        }
        if (acknowledgeUnrouted) {
            owe(packetId, qos, 1).done = true;
            flushAcks();
        } else {
            withheld++;
            log.publishWithheld(publish);
        }
    }

    void onPubRel(int packetId) {
        switch (qos2 == null ? InboundQos2Table.Release.NOT_FOUND : qos2.release(packetId)) {
            case COMPLETE -> operations.sendControl(PUBCOMP, packetId);
            case NOT_FOUND -> operations.sendControl(PUBCOMP_NOT_FOUND, packetId);
            // The server did not wait for the PUBREC: PUBCOMP goes after it, in arrival order.
            case COMPLETE_AFTER_PUBREC -> owed().add(PendingAck.pubComp(this, generation, packetId));
            case ALREADY_RELEASED -> {
                // Its PUBCOMP is owed already.
            }
        }
    }

    /** Called from any thread when every handler acknowledged. */
    void acknowledged(PendingAck ack) {
        EventLoop loop = operations.loop();
        if (loop.inEventLoop()) {
            acknowledgedOnLoop(ack);
        } else {
            loop.execute(() -> acknowledgedOnLoop(ack));
        }
    }

    private void acknowledgedOnLoop(PendingAck ack) {
        // An ack belongs to the connection the publish came on; after a reconnect the server resends.
        if (ack.generation != generation) {
            return;
        }
        ack.done = true;
        flushAcks();
    }

    private void flushAcks() {
        while (owed != null && !owed.isEmpty() && owed.peek().done) {
            PendingAck ack = owed.poll();
            if (ack.qos == 1) {
                owedQos1--;
            }
            // Offline, nothing leaves and the flows stay as they are, until the next connection resets them.
            if (operations.isOnline()) {
                if (ack.qos == 2 && qos2 != null && !ack.payloadFormatInvalid) {
                    if (ack.pubComp) {
                        qos2.pubCompSent(ack.packetId);
                    } else {
                        qos2.pubRecSent(ack.packetId);
                    }
                }
                operations.sendControl(ack.payloadFormatInvalid
                        ? (ack.qos == 1 ? PUBACK_PAYLOAD_FORMAT_INVALID : PUBREC_PAYLOAD_FORMAT_INVALID)
                        : (ack.qos == 1 ? PUBACK : ack.pubComp ? PUBCOMP : PUBREC), ack.packetId);
            }
        }
    }

    /** Created on the first QoS 1 or 2 publish received: an idle client holds none. */
    private ArrayDeque<PendingAck> owed() {
        if (owed == null) {
            owed = new ArrayDeque<>(2);
        }
        return owed;
    }

    /**
     * Refuses a publish whose Payload Format Indicator says UTF-8 but whose payload is not
     * well-formed UTF-8 (MQTT 5.0 section 3.3.4): it is not delivered, QoS 1 and 2 are answered in
     * turn with Payload format invalid (0x99), QoS 0 is dropped (the engine logs it). A
     * refused QoS 2 publish is not kept: its PUBREC ends the flow, and the same packet identifier
     * then carries a new message (MQTT-4.3.3-9).
     *
     * @return whether the publish was refused
     */
    private boolean refusedForItsPayload(int packetId, PublishPacket publish) {
        int malformed = WellFormedUtf8.firstMalformed(publish.payload());
        if (malformed < 0) {
            return false;
        }
        int qos = publish.qos().value();
        if (qos > 0) {
            PendingAck refusal = new PendingAck(this, generation, packetId, qos, 1);
            refusal.payloadFormatInvalid = true;
            refusal.done = true;
            if (qos == 1) {
                owedQos1++;
            }
            owed().add(refusal);
            flushAcks();
        }
        return true;
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
