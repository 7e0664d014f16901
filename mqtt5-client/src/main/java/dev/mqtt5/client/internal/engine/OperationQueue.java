package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.OperationStatistics;
import dev.mqtt5.client.config.OfflineQueueBehavior;
import dev.mqtt5.client.exception.OperationFailedException;
import dev.mqtt5.client.exception.PublishFailedException;
import dev.mqtt5.client.exception.SubscribeFailedException;
import dev.mqtt5.client.exception.UnsubscribeFailedException;
import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.internal.codec.OutboundPacket;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.internal.session.InflightTable;
import dev.mqtt5.client.lifecycle.NegotiatedSettings;
import dev.mqtt5.client.packet.PubAckPacket;
import dev.mqtt5.client.packet.PubCompPacket;
import dev.mqtt5.client.packet.PubRecPacket;
import dev.mqtt5.client.packet.PubRelPacket;
import dev.mqtt5.client.packet.PubRelReasonCode;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.UnsubAckPacket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The client's outbound operations across connections: the queue of submitted operations, the
 * table of written ones awaiting acks, the control packets (acks, PUBREL, PINGREQ) that go before
 * them, and the write pump that moves them to the socket in bounded batches, one batch pending
 * at a time (DESIGN.md backpressure). Event loop only; statistics are published as a snapshot.
 */
final class OperationQueue {

    /** Bytes gathered into one write before it is flushed. */
    private static final int BATCH_BYTES = 64 * 1024;

    private final CallbackDispatcher callbacks;
    private final OfflineQueueBehavior offlineBehavior;
    private final ArrayDeque<Operation<?>> queue = new ArrayDeque<>();
    private final ArrayDeque<ControlPacket> control = new ArrayDeque<>();
    private final InflightTable<Operation<?>> inflight = new InflightTable<>();
    /** Operations completed by their write (QoS 0 publishes) in the batch being written. */
    private final List<PublishOperation> writtenQos0 = new ArrayList<>();
    private final List<Object> batch = new ArrayList<>();

    private Channel channel;
    private NegotiatedSettings settings;
    private boolean writePending;
    private int publishesInFlight;
    private long lastWriteNanos;

    private long incompleteCount;
    private long incompleteSize;
    private long unackedCount;
    private long unackedSize;
    private volatile OperationStatistics statistics = OperationStatistics.EMPTY;

    OperationQueue(CallbackDispatcher callbacks, OfflineQueueBehavior offlineBehavior) {
        this.callbacks = callbacks;
        this.offlineBehavior = offlineBehavior;
    }

    /** A packet the client owes the server outside the operation queue. */
    private record ControlPacket(OutboundPacket packet, int packetId) {
    }

    OperationStatistics statistics() {
        return statistics;
    }

    long lastWriteNanos() {
        return lastWriteNanos;
    }

    boolean isOnline() {
        return channel != null;
    }

    // ---- submission and completion -------------------------------------------------------

    void submit(Operation<?> op) {
        if (channel == null && !offlineBehavior.keeps(op.isPublish(), op.qos())) {
            callbacks.fail(op.future, new OperationFailedException(op.describe() + " rejected: the client is offline "
                    + "and the offline queue behavior " + offlineBehavior + " does not keep it"));
            return;
        }
        queue.add(op);
        incompleteCount++;
        incompleteSize += op.size();
        publishStatistics();
        drain();
    }

    private <T> void succeed(Operation<T> op, T value, boolean wasUnacked) {
        removeFromStatistics(op, wasUnacked);
        callbacks.complete(op.future, value);
    }

    private void fail(Operation<?> op, Throwable cause, boolean wasUnacked) {
        removeFromStatistics(op, wasUnacked);
        callbacks.fail(op.future, cause);
    }

    private void removeFromStatistics(Operation<?> op, boolean wasUnacked) {
        incompleteCount--;
        incompleteSize -= op.size();
        if (wasUnacked) {
            unackedCount--;
            unackedSize -= op.size();
        }
        publishStatistics();
    }

    private void publishStatistics() {
        statistics = new OperationStatistics(incompleteCount, incompleteSize, unackedCount, unackedSize);
    }

    // ---- connection changes --------------------------------------------------------------

    /**
     * A connection is up. With a rejoined session, unacknowledged publishes are resent first, in
     * their original order, with their packet ids and DUP (or PUBREL where PUBREC came); without
     * one, the session is gone and they are queued again as new publishes, ahead of the rest.
     */
    void connected(Channel channel, NegotiatedSettings settings, boolean sessionPresent) {
        this.channel = channel;
        this.settings = settings;
        this.writePending = false;
        this.publishesInFlight = 0;
        List<Operation<?>> unacked = inflight.drain(Comparator.comparingLong(op -> op.sequence));
        for (int i = unacked.size() - 1; i >= 0; i--) {
            Operation<?> op = unacked.get(i);
            unackedCount--;
            unackedSize -= op.size();
            if (sessionPresent && op instanceof PublishOperation publish) {
                inflight.bind(publish.packetId, publish);
                unackedCount++;
                unackedSize += op.size();
                publishesInFlight++;
                control.addFirst(publish.pubRec != null
                        ? new ControlPacket(PacketEncoders.pubRel(PubRelPacket.of(PubRelReasonCode.SUCCESS)), publish.packetId)
                        : new ControlPacket(publish.encoded, -publish.packetId));
            } else {
                op.packetId = 0;
                if (op instanceof PublishOperation publish) {
                    publish.dup = false;
                    publish.pubRec = null;
                }
                queue.addFirst(op);
            }
        }
        publishStatistics();
        drain();
    }

    /** The connection ended: the offline queue behaviour decides what is kept for the next one. */
    void disconnected(Throwable cause) {
        channel = null;
        writePending = false;
        control.clear();
        for (PublishOperation op : writtenQos0) {
            fail(op, new OperationFailedException(op.describe() + " failed: the connection ended before it was written",
                    cause), false);
        }
        writtenQos0.clear();
        List<Operation<?>> unacked = inflight.drain(Comparator.comparingLong(op -> op.sequence));
        for (Operation<?> op : unacked) {
            if (offlineBehavior.keeps(op.isPublish(), op.qos())) {
                // Publishes keep their packet id for a resend with DUP; see connected().
                inflight.bind(op.packetId, op);
            } else {
                fail(op, new OperationFailedException(op.describe() + " failed: the connection ended before its "
                        + "acknowledgement (offline queue behavior " + offlineBehavior + ")", cause), true);
            }
        }
        failQueued(op -> !offlineBehavior.keeps(op.isPublish(), op.qos()), cause,
                "the connection ended (offline queue behavior " + offlineBehavior + ")");
    }

    /** The client stopped: everything incomplete fails with the given cause. */
    void stopped(Throwable cause) {
        disconnected(cause);
        for (Operation<?> op : inflight.drain(Comparator.comparingLong(o -> o.sequence))) {
            fail(op, cause, true);
        }
        failQueued(op -> true, cause, null);
    }

    private void failQueued(java.util.function.Predicate<Operation<?>> shouldFail, Throwable cause, String why) {
        int n = queue.size();
        for (int i = 0; i < n; i++) {
            Operation<?> op = queue.poll();
            if (shouldFail.test(op)) {
                fail(op, why == null ? cause : new OperationFailedException(op.describe() + " failed: " + why, cause),
                        false);
            } else {
                queue.add(op);
            }
        }
    }

    // ---- the write pump ------------------------------------------------------------------

    /** Queues a control packet (ack, PUBREL, PINGREQ) ahead of operations, and writes. */
    void sendControl(OutboundPacket packet, int packetId) {
        control.add(new ControlPacket(packet, packetId));
        drain();
    }

    /**
     * Writes the next batch if none is pending: control packets first, then operations in order,
     * stopping at the server's Receive Maximum for QoS 1 and 2 publishes.
     */
    void drain() {
        if (channel == null || writePending) {
            return;
        }
        int bytes = 0;
        while (bytes < BATCH_BYTES) {
            ControlPacket c = control.poll();
            if (c != null) {
                batch.add(c);
                bytes += c.packet.encodedSize();
                continue;
            }
            Operation<?> op = queue.peek();
            if (op == null) {
                break;
            }
            if (op instanceof PublishOperation p && p.needsAck()
                    && publishesInFlight >= settings.receiveMaximumFromServer()) {
                break;
            }
            if (op.size() > settings.maximumPacketSizeToServer()) {
                queue.poll();
                fail(op, new IllegalArgumentException(op.describe() + " is " + op.size() + " bytes encoded, more than "
                        + "the server's Maximum Packet Size of " + settings.maximumPacketSizeToServer() + " bytes"),
                        false);
                continue;
            }
            if (op.needsAck()) {
                int id = inflight.allocate(op);
                if (id == 0) {
                    break;
                }
                op.packetId = id;
                unackedCount++;
                unackedSize += op.size();
                if (op instanceof PublishOperation) {
                    publishesInFlight++;
                }
            } else {
                writtenQos0.add((PublishOperation) op);
            }
            queue.poll();
            batch.add(op);
            bytes += op.size();
        }
        if (batch.isEmpty()) {
            return;
        }
        publishStatistics();
        ByteBuf buf = channel.alloc().ioBuffer(bytes);
        for (Object item : batch) {
            if (item instanceof ControlPacket c) {
                // A negative id marks a resent PUBLISH, which carries DUP.
                c.packet.writeTo(buf, Math.abs(c.packetId), c.packetId < 0);
            } else if (item instanceof PublishOperation p) {
                p.encoded.writeTo(buf, p.packetId, p.dup);
                p.dup = p.needsAck();
            } else {
                Operation<?> op = (Operation<?>) item;
                op.encoded.writeTo(buf, op.packetId, false);
            }
        }
        batch.clear();
        writePending = true;
        lastWriteNanos = System.nanoTime();
        Channel written = channel;
        written.writeAndFlush(buf).addListener((ChannelFuture f) -> batchWritten(written, f));
    }

    private void batchWritten(Channel written, ChannelFuture f) {
        if (written != channel) {
            return;
        }
        writePending = false;
        if (!f.isSuccess()) {
            // The channel closes; disconnected() fails or keeps what was in this batch.
            written.close();
            return;
        }
        for (PublishOperation op : writtenQos0) {
            succeed(op, PublishResult.qos0(), false);
        }
        writtenQos0.clear();
        drain();
    }

    // ---- acknowledgements from the server --------------------------------------------------

    void onPubAck(int packetId, PubAckPacket ack) {
        PublishOperation op = take(packetId, "PUBACK", 1);
        publishesInFlight--;
        PublishResult result = PublishResult.of(ack);
        if (ack.reasonCode().isError()) {
            fail(op, new PublishFailedException(op.describe() + " refused: PUBACK " + ack.reasonCode()
                    + reason(ack.reasonString()), result), true);
        } else {
            succeed(op, result, true);
        }
        drain();
    }

    void onPubRec(int packetId, PubRecPacket rec) {
        PublishOperation op = expect(packetId, "PUBREC", 2);
        if (rec.reasonCode().isError()) {
            inflight.remove(packetId);
            publishesInFlight--;
            fail(op, new PublishFailedException(op.describe() + " refused: PUBREC " + rec.reasonCode()
                    + reason(rec.reasonString()), PublishResult.of(rec, null)), true);
        } else {
            op.pubRec = rec;
            control.add(new ControlPacket(PacketEncoders.pubRel(PubRelPacket.of(PubRelReasonCode.SUCCESS)), packetId));
        }
        drain();
    }

    void onPubComp(int packetId, PubCompPacket comp) {
        PublishOperation op = expect(packetId, "PUBCOMP", 2);
        if (op.pubRec == null) {
            throw MqttProtocolException.protocolError("PUBCOMP for packet identifier " + packetId
                    + " before its PUBREC");
        }
        inflight.remove(packetId);
        publishesInFlight--;
        PublishResult result = PublishResult.of(op.pubRec, comp);
        if (comp.reasonCode().isError()) {
            fail(op, new PublishFailedException(op.describe() + " failed: PUBCOMP " + comp.reasonCode()
                    + reason(comp.reasonString()), result), true);
        } else {
            succeed(op, result, true);
        }
        drain();
    }

    void onSubAck(int packetId, SubAckPacket ack) {
        if (!(inflight.get(packetId) instanceof SubscribeOperation op)) {
            throw MqttProtocolException.protocolError("SUBACK for packet identifier " + packetId
                    + ", which no SUBSCRIBE is waiting for");
        }
        if (ack.reasonCodes().size() != op.packet.subscriptions().size()) {
            throw MqttProtocolException.protocolError("SUBACK has " + ack.reasonCodes().size()
                    + " reason codes for a SUBSCRIBE of " + op.packet.subscriptions().size() + " subscriptions");
        }
        inflight.remove(packetId);
        if (ack.hasError()) {
            fail(op, new SubscribeFailedException(ack), true);
        } else {
            succeed(op, ack, true);
        }
        drain();
    }

    void onUnsubAck(int packetId, UnsubAckPacket ack) {
        if (!(inflight.get(packetId) instanceof UnsubscribeOperation op)) {
            throw MqttProtocolException.protocolError("UNSUBACK for packet identifier " + packetId
                    + ", which no UNSUBSCRIBE is waiting for");
        }
        if (ack.reasonCodes().size() != op.packet.topicFilters().size()) {
            throw MqttProtocolException.protocolError("UNSUBACK has " + ack.reasonCodes().size()
                    + " reason codes for an UNSUBSCRIBE of " + op.packet.topicFilters().size() + " topic filters");
        }
        inflight.remove(packetId);
        if (ack.hasError()) {
            fail(op, new UnsubscribeFailedException(ack), true);
        } else {
            succeed(op, ack, true);
        }
        drain();
    }

    private PublishOperation take(int packetId, String ackName, int qos) {
        PublishOperation op = expect(packetId, ackName, qos);
        inflight.remove(packetId);
        return op;
    }

    private PublishOperation expect(int packetId, String ackName, int qos) {
        if (inflight.get(packetId) instanceof PublishOperation op && op.qos() == qos) {
            return op;
        }
        throw MqttProtocolException.protocolError(ackName + " for packet identifier " + packetId
                + ", which no QoS " + qos + " PUBLISH is waiting for");
    }

    private static String reason(String reasonString) {
        return reasonString == null ? "" : ": " + reasonString;
    }
}
