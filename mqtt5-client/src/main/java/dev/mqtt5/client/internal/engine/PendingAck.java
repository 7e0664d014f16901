package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.Acknowledgement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The acknowledgement of one received QoS 1 or 2 publish. It counts down once per handler the
 * publish was given to; the last one hands it to the event loop, where acknowledgements leave in
 * the order the publishes arrived. The PUBCOMP of a QoS 2 flow whose PUBREL came while its
 * PUBREC was still owed waits in the same order, as one of these.
 */
final class PendingAck implements Acknowledgement {

    final int generation;
    final int packetId;
    final int qos;
    /** Whether it is a PUBCOMP (done at once, it leaves after what arrived before its PUBREL), not a PUBREC. */
    final boolean pubComp;
    /** Set on the event loop once every handler acknowledged. */
    boolean done;
    /** Answered with Payload format invalid (0x99) instead of success: the payload is not the UTF-8 it claims. */
    boolean payloadFormatInvalid;
    private final AtomicInteger remaining;
    private final InboundPublishes owner;

    PendingAck(InboundPublishes owner, int generation, int packetId, int qos, int handlers) {
        this(owner, generation, packetId, qos, handlers, false);
    }

    private PendingAck(InboundPublishes owner, int generation, int packetId, int qos, int handlers, boolean pubComp) {
        this.owner = owner;
        this.generation = generation;
        this.packetId = packetId;
        this.qos = qos;
        this.pubComp = pubComp;
        this.remaining = new AtomicInteger(handlers);
    }

    /** The PUBCOMP of a QoS 2 flow, owed behind the flow's PUBRECs. */
    static PendingAck pubComp(InboundPublishes owner, int generation, int packetId) {
        PendingAck ack = new PendingAck(owner, generation, packetId, 2, 1, true);
        ack.done = true;
        return ack;
    }

    /** The acknowledgement a single handler gets: acknowledging twice still counts once. */
    Acknowledgement forOneHandler() {
        if (remaining.get() == 1) {
            return this;
        }
        AtomicInteger once = new AtomicInteger();
        return () -> {
            if (once.compareAndSet(0, 1)) {
                acknowledge();
            }
        };
    }

    @Override
    public void acknowledge() {
        int left = remaining.decrementAndGet();
        if (left == 0) {
            owner.acknowledged(this);
        }
    }
}
