package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.internal.codec.OutboundPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * Packets on their way to the socket: the control packets the client owes the server (acks,
 * PUBREL, PINGREQ, resent publishes), which go before any operation; the packets of the next
 * write, in order, encoded together into one buffer; and the packets of the write in progress,
 * whose QoS 0 publishes its outcome completes or fails. Event loop only; created with the first
 * packet to write; the lists of the next write and of the write in progress exist only while
 * there is one (an idle client keeps neither), the owed packets' deque from its first use.
 *
 * <p>Each write gets a list of its own, which the write in progress keeps until it is settled:
 * a list that lived across writes would be promoted to the old generation, and every reference
 * stored into an old array costs G1 a card mark with a memory fence (measured on the QoS 0 publish
 * path), while stores into a young array are filtered out cheaply.
 */
final class WriteBatch {

    /** A packet the client owes the server outside the operation queue; a negative id marks a resent PUBLISH (DUP). */
    record ControlPacket(OutboundPacket packet, int packetId) {
    }

    private ArrayDeque<ControlPacket> owed;
    /** The packets of the next write, in order; null until one is added. */
    private ArrayList<Object> items;
    /** The packets of the write in progress, in order; null when none is in progress. */
    private ArrayList<Object> writing;
    /** How many packets the last write carried: the starting capacity of the next write's list. */
    private int lastSize;

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
            items().add(c);
            bytes += c.packet.encodedSize();
        }
        return bytes;
    }

    /** Adds an operation: one that waits for its ack has its packet identifier; a QoS 0 publish has none. */
    void add(Operation<?> op) {
        items().add(op);
    }

    /** Encodes the batch into one buffer of {@code bytes}; the batch becomes the write in progress. */
    ByteBuf encode(ByteBufAllocator alloc, int bytes) {
        ByteBuf buf = alloc.ioBuffer(bytes);
        ArrayList<Object> packets = items;
        for (int i = 0, n = packets.size(); i < n; i++) {
            Object item = packets.get(i);
            if (item instanceof ControlPacket c) {
                c.packet.writeTo(buf, Math.abs(c.packetId), c.packetId < 0);
            } else if (item instanceof PublishOperation p) {
                p.wire.writeTo(buf, p.packetId, false);
            } else {
                Operation<?> op = (Operation<?>) item;
                op.encoded.writeTo(buf, op.packetId, false);
            }
        }
        writing = packets;
        lastSize = packets.size();
        items = null;
        return buf;
    }

    /**
     * Settles the write in progress: hands each of its QoS 0 publishes (the publishes in it without
     * a packet identifier), in order, to {@code settle}, which completes or fails them with the
     * write's outcome; then drops it. Does nothing when no write is in progress.
     */
    void settleWrite(Consumer<PublishOperation> settle) {
        ArrayList<Object> packets = writing;
        writing = null;
        if (packets == null) {
            return;
        }
        for (int i = 0, n = packets.size(); i < n; i++) {
            if (packets.get(i) instanceof PublishOperation op && op.packetId == 0) {
                settle.accept(op);
            }
        }
    }

    private ArrayList<Object> items() {
        if (items == null) {
            items = new ArrayList<>(Math.max(lastSize, 4));
        }
        return items;
    }

    private ArrayDeque<ControlPacket> owed() {
        if (owed == null) {
            owed = new ArrayDeque<>(2);
        }
        return owed;
    }
}
