package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.internal.codec.OutboundPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Packets on their way to the socket: the control packets the client owes the server (acks,
 * PUBREL, PINGREQ, resent publishes), which go before any operation; the packets of the next
 * write, in order, encoded together into one buffer; and the QoS 0 publishes of the write in
 * progress, which its outcome completes or fails. Event loop only; created with the first packet
 * to write (an idle client holds none), the owed and QoS 0 lists on first use.
 */
final class WriteBatch {

    /** A packet the client owes the server outside the operation queue; a negative id marks a resent PUBLISH (DUP). */
    record ControlPacket(OutboundPacket packet, int packetId) {
    }

    private ArrayDeque<ControlPacket> owed;
    /** The packets of the next write, in order (a batch exists only once something is to be written). */
    private final List<Object> items = new ArrayList<>();
    /** QoS 0 publishes taken since the last {@link #forgetQos0()}: completed by their write, not by an ack. */
    private List<PublishOperation> qos0;

    /** Queues a control packet behind those already owed. */
    void owe(ControlPacket packet) {
        owed().add(packet);
    }

    /** Queues a control packet ahead of those already owed. */
    void oweFirst(ControlPacket packet) {
        owed().addFirst(packet);
    }

    /** Forgets the control packets owed on a connection that ended. */
    void forgetOwed() {
        if (owed != null) {
            owed.clear();
        }
    }

    /** Moves owed control packets into the batch while it is under {@code budget} bytes; returns the bytes added. */
    int takeOwed(int budget) {
        int bytes = 0;
        ControlPacket c;
        while (bytes < budget && owed != null && (c = owed.poll()) != null) {
            items.add(c);
            bytes += c.packet.encodedSize();
        }
        return bytes;
    }

    /** Adds an operation that waits for its ack; its packet identifier is allocated. */
    void add(Operation<?> op) {
        items.add(op);
    }

    /** Adds a QoS 0 publish, which the outcome of this write completes or fails. */
    void addQos0(PublishOperation op) {
        if (qos0 == null) {
            qos0 = new ArrayList<>();
        }
        qos0.add(op);
        items.add(op);
    }

    /** Encodes the batch into one buffer of {@code bytes} and empties it (the QoS 0 publishes stay until settled). */
    ByteBuf encode(ByteBufAllocator alloc, int bytes) {
        ByteBuf buf = alloc.ioBuffer(bytes);
        for (Object item : items) {
            if (item instanceof ControlPacket c) {
                c.packet.writeTo(buf, Math.abs(c.packetId), c.packetId < 0);
            } else if (item instanceof PublishOperation p) {
                p.wire.writeTo(buf, p.packetId, false);
            } else {
                Operation<?> op = (Operation<?>) item;
                op.encoded.writeTo(buf, op.packetId, false);
            }
        }
        items.clear();
        return buf;
    }

    /** The QoS 0 publishes of the write in progress, for its outcome to complete or fail; then {@link #forgetQos0()}. */
    List<PublishOperation> writtenQos0() {
        return qos0 != null ? qos0 : List.of();
    }

    void forgetQos0() {
        if (qos0 != null) {
            qos0.clear();
        }
    }

    private ArrayDeque<ControlPacket> owed() {
        if (owed == null) {
            owed = new ArrayDeque<>(2);
        }
        return owed;
    }
}
