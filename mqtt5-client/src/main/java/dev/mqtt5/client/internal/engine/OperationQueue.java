package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.OperationStatistics;
import dev.mqtt5.client.PublishObserver;
import dev.mqtt5.client.config.OfflineQueueBehavior;
import dev.mqtt5.client.config.TopicAliasingOptions;
import dev.mqtt5.client.exception.OperationFailedException;
import dev.mqtt5.client.exception.OperationTimeoutException;
import dev.mqtt5.client.internal.codec.OutboundPacket;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.internal.engine.WriteBatch.ControlPacket;
import dev.mqtt5.client.internal.session.InflightTable;
import dev.mqtt5.client.lifecycle.NegotiatedSettings;
import dev.mqtt5.client.packet.PubRelPacket;
import dev.mqtt5.client.packet.PubRelReasonCode;
import dev.mqtt5.client.packet.PublishResult;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The client's outbound operations across connections: the queue of submitted operations, the
 * table of written ones awaiting acks, and the write pump that moves them, behind the control
 * packets (acks, PUBREL, PINGREQ) the client owes, to the socket in bounded batches
 * ({@link WriteBatch}), one batch pending at a time (DESIGN.md backpressure). Before taking an
 * operation the pump checks, in order: the server's Receive Maximum, flow-control tokens, and the
 * server's Maximum Packet Size. Event loop only; statistics are published as an immutable
 * snapshot. Acknowledgements are handled by {@link AckHandler}, which shares this state.
 */
final class OperationQueue {

    /**
     * Bytes gathered into one write before it is flushed: large enough that a window of 16 KiB
     * publishes leaves in one or two system calls (measured: 256 KiB beats 64 KiB by 10 to 50 %
     * on 16 KiB payloads), small enough to bound what waits in Netty per connection.
     */
    private static final int BATCH_BYTES = 256 * 1024;
    /** Batches one drain writes before it lets other work on the event loop run. */
    private static final int BATCHES_PER_PASS = 16;
    private static final Comparator<Operation<?>> SUBMISSION_ORDER = Comparator.comparingLong(op -> op.sequence);
    private static final OutboundPacket PUBREL = PacketEncoders.pubRel(PubRelPacket.of(PubRelReasonCode.SUCCESS));

    final CallbackDispatcher callbacks;
    /** Per-subscription handlers and identifiers; created with the first SUBSCRIBE it tracks (see {@link #router()}). */
    private SubscriptionRouter router;
    private final EventLoop loop;
    private final OfflineQueueBehavior offlineBehavior;
    private final Duration defaultAckTimeout;
    /** Null when topic aliasing is disabled (the default): publishes go as submitted. */
    private final OutboundTopicAliases topicAliases;
    private final TokenBuckets flowControl;
    /** Submitted operations not yet written; created on first use and dropped whenever it is empty (see {@link #fillBatch()}). */
    private ArrayDeque<Operation<?>> queue;
    /** Written operations awaiting their acks, by packet id; created on first use, see {@link #inflight()}. */
    private InflightTable<Operation<?>> inflight;
    /** What the next write carries, and the QoS 0 publishes of the write in progress; see {@link #batch()}. */
    private WriteBatch batch;

    private Channel channel;
    private NegotiatedSettings settings;
    private boolean writePending;
    private boolean readBurst;
    private boolean drainScheduled;
    private ScheduledFuture<?> throttled;
    private final AckDeadlines deadlines;
    private final PublishObserver observer;
    /** Why {@link #admit} answered {@link Admission#REJECT}. */
    private Throwable rejection;
    int publishesInFlight;
    private long lastWriteNanos;
    /** Operations taken from the submissions so far: the next one's {@link Operation#sequence}. */
    private long submitted;
    /** When the batch being filled was started (System.nanoTime). */
    private long batchNanos;

    private final StatisticsCounters counters = new StatisticsCounters();
    /** Set by a planned reconnect until its connection attempt ends: see {@link #holdForReconnect()}. */
    private boolean holding;

    /** The per-subscription handlers; an empty, shared router while the client has none. */
    SubscriptionRouter router() {
        return router != null ? router : SubscriptionRouter.NONE;
    }

    OperationQueue(EventLoop loop, CallbackDispatcher callbacks, Mqtt5ClientOptions options) {
        this.loop = loop;
        this.callbacks = callbacks;
        this.offlineBehavior = options.offlineQueueBehavior();
        this.defaultAckTimeout = options.operationTimeout();
        this.topicAliases = options.topicAliasing().mode() == TopicAliasingOptions.Mode.DISABLED ? null
                : new OutboundTopicAliases(options.topicAliasing());
        this.flowControl = options.flowControl().enabled() ? new TokenBuckets(options.flowControl()) : null;
        this.observer = options.publishObserver();
        this.deadlines = new AckDeadlines(options.operationTimeout(), this);
    }

    OperationStatistics statistics() {
        return counters.snapshot();
    }

    EventLoop loop() {
        return loop;
    }

    long lastWriteNanos() {
        return lastWriteNanos;
    }

    boolean isOnline() {
        return channel != null;
    }

    /** Bytes Netty holds for the socket right now (tests check the backpressure with it). */
    long pendingWriteBytes() {
        Channel ch = channel;
        return ch == null || ch.unsafe().outboundBuffer() == null ? 0 : ch.unsafe().outboundBuffer().totalPendingWriteBytes();
    }

    // ---- submission and completion -------------------------------------------------------

    /** Takes a submitted operation into the queue, or rejects it under the offline-queue behaviour; call {@link #drain()} after. */
    void enqueue(Operation<?> op) {
        op.sequence = ++submitted;
        if (channel == null && !keeps(op)) {
            callbacks.fail(op.future, new OperationFailedException(op.describe() + " rejected: the client is offline "
                    + "and the offline queue behavior " + offlineBehavior + " does not keep it"));
            return;
        }
        if (op instanceof SubscribeOperation s && SubscriptionRouter.tracks(s)) {
            router = router != null ? router : new SubscriptionRouter();
            IllegalArgumentException collision = router.add(s, settings == null || settings.subscriptionIdentifiersAvailable());
            if (collision != null) {
                callbacks.fail(op.future, collision);
                return;
            }
        }
        queue().add(op);
        counters.add(1, op.size(), 0, 0);
    }

    <T> void succeed(Operation<T> op, T value, boolean wasUnacked) {
        cancelTimeout(op);
        if (op.abandoned) {
            return;
        }
        removeFromStatistics(op, wasUnacked);
        observe(op, value, null);
        callbacks.complete(op.future, value);
        deadlines.trim();
    }

    void fail(Operation<?> op, Throwable cause, boolean wasUnacked) {
        cancelTimeout(op);
        if (op.abandoned) {
            return;
        }
        if (op instanceof SubscribeOperation s && s.routed) {
            router().removeRefused(s.packet, s.handler, null);
        }
        removeFromStatistics(op, wasUnacked);
        observe(op, null, cause);
        callbacks.fail(op.future, cause);
        deadlines.trim();
    }

    private void observe(Operation<?> op, Object result, Throwable failure) {
        if (observer != null && op instanceof PublishOperation p) {
            long nanos = System.nanoTime() - p.submittedNanos;
            callbacks.runWithCompletions(() -> observer.publishCompleted(p.packet, (PublishResult) result, failure, nanos));
        }
    }

    private void removeFromStatistics(Operation<?> op, boolean wasUnacked) {
        op.settled = true;
        counters.add(-1, -op.size(), wasUnacked ? -1 : 0, wasUnacked ? -op.size() : 0);
    }

    /** Replaces an incomplete operation's encoding, keeping the statistics exact. */
    private void reencode(Operation<?> op, OutboundPacket encoded, boolean unacked) {
        long delta = encoded.encodedSize() - op.size();
        op.encoded = encoded;
        counters.add(0, delta, 0, unacked ? delta : 0);
    }

    private static void cancelTimeout(Operation<?> op) {
        if (op.timeoutTask != null) {
            op.timeoutTask.cancel(false);
            op.timeoutTask = null;
        }
    }

    /** Whether a written operation still waits for its ack on this connection. */
    boolean awaitingAck(Operation<?> op) {
        return !op.settled && !op.abandoned && inflight().get(op.packetId) == op;
    }

    /** Fails an operation whose ack timeout ran out (AckDeadlines). */
    void ackTimedOut(Operation<?> op) {
        op.timeoutTask = null;
        if (op.abandoned || op.settled || inflight().get(op.packetId) != op) {
            return;
        }
        Duration timeout = op.ackTimeout != null ? op.ackTimeout : defaultAckTimeout;
        fail(op, new OperationTimeoutException(op.describe() + ": no acknowledgement within " + timeout.toMillis()
                + " ms (operationTimeout)"), true);
        op.abandoned = true;
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
        this.holding = false;
        this.publishesInFlight = 0;
        if (topicAliases != null) {
            topicAliases.connected(settings.topicAliasMaximumToServer());
        }
        if (flowControl != null) {
            flowControl.reset(System.nanoTime());
        }
        // Operations kept across the disconnection are not counted as unacknowledged while offline.
        List<Operation<?>> kept = drainInflight();
        for (int i = kept.size() - 1; i >= 0; i--) {
            Operation<?> op = kept.get(i);
            boolean counted = !op.abandoned;
            if (sessionPresent && op instanceof PublishOperation publish) {
                inflight().bind(publish.packetId, publish);
                publishesInFlight++;
                batch().oweFirst(publish.pubRec != null ? new ControlPacket(PUBREL, publish.packetId)
                        : new ControlPacket(publish.encoded, -publish.packetId));
                if (counted) {
                    counters.add(0, 0, 1, op.size());
                    deadlines.start(op, System.nanoTime());
                }
            } else if (counted) {
                op.packetId = 0;
                if (op instanceof PublishOperation publish) {
                    publish.pubRec = null;
                }
                queue().addFirst(op);
            }
        }
        drain();
    }

    /**
     * The connection ended: the offline queue behaviour decides what is kept for the next one.
     * {@code poisonLimit}: when the server ended it, perhaps refusing a packet, the client's
     * poison operation limit, else 0 ({@link PoisonOperations}). Returns the failure of the
     * operation given up as poison, or null.
     */
    Throwable disconnected(Throwable cause, int poisonLimit) {
        readBurst = false;
        if (channel == null) {
            // A connection attempt that never got its CONNACK: everything was settled when the last one
            // ended, unless a planned reconnect held it; then the offline-queue behaviour applies now.
            if (holding) {
                holding = false;
                failQueued(op -> !keeps(op), cause, "the connection ended (offline queue behavior " + offlineBehavior + ")");
            }
            return null;
        }
        channel = null;
        writePending = false;
        if (batch != null) {
            batch.forgetOwed();
        }
        deadlines.clear();
        if (throttled != null) {
            throttled.cancel(false);
            throttled = null;
        }
        if (batch != null) {
            batch.settleWrite(op -> fail(op, new OperationFailedException(op.describe() + " failed: the connection "
                    + "ended before it was written", cause), false));
        }
        List<Operation<?>> written = drainInflight();
        Operation<?> poisoned = PoisonOperations.blame(written, poisonLimit);
        Throwable refused = poisoned == null ? null : PoisonOperations.refused(poisoned, cause, poisonLimit);
        for (Operation<?> op : written) {
            cancelTimeout(op);
            if (op == poisoned) {
                fail(op, refused, true);
            } else if (op.abandoned) {
                // A QoS 2 flow still needs finishing in a rejoined session: its id stays reserved,
                // or the server would take a new message with that id for a duplicate.
                if (op.qos() == 2) {
                    inflight().bind(op.packetId, op);
                }
            } else if (keeps(op)) {
                // Publishes keep their packet id for a resend with DUP; see connected().
                inflight().bind(op.packetId, op);
                counters.add(0, 0, -1, -op.size());
            } else {
                fail(op, new OperationFailedException(op.describe() + " failed: the connection ended before its "
                        + "acknowledgement (offline queue behavior " + offlineBehavior + ")", cause), true);
            }
        }
        failQueued(op -> !keeps(op), cause, "the connection ended (offline queue behavior " + offlineBehavior + ")");
        return refused;
    }

    /**
     * The client ends this connection on purpose to connect again at once: every operation is kept
     * for the next connection whatever the offline-queue behaviour, and nothing more is written.
     */
    void holdForReconnect() {
        holding = true;
    }

    private boolean keeps(Operation<?> op) {
        return holding || offlineBehavior.keeps(op.isPublish(), op.qos());
    }

    /**
     * The client stopped: everything incomplete fails with the given cause. When the session is
     * kept for the next start (REJOIN_ALWAYS), unfinished QoS 2 flows keep their packet ids, to be
     * finished in the rejoined session (MQTT-4.3.3); otherwise the session is gone.
     */
    void stopped(Throwable cause, boolean keepSession) {
        disconnected(cause, 0);
        for (Operation<?> op : drainInflight()) {
            fail(op, cause, false);
            if (keepSession && op.qos() == 2) {
                op.abandoned = true;
                inflight().bind(op.packetId, op);
            }
        }
        failQueued(op -> true, cause, null);
    }

    private void failQueued(Predicate<Operation<?>> shouldFail, Throwable cause, String why) {
        int n = queue == null ? 0 : queue.size();
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
        batch().owe(new ControlPacket(packet, packetId));
        drain();
    }

    /**
     * Packets are arriving: writes wait until the read burst ends, so that the acks, PUBRELs and
     * publishes it releases leave together in one write instead of one write each.
     */
    void beginReadBurst() {
        readBurst = true;
    }

    /** The read burst ended: writes what it released. */
    void endReadBurst() {
        readBurst = false;
        drain();
    }

    /**
     * Writes the next batches while the socket takes them: a batch the socket accepted at once is
     * settled in place and the next one follows, without recursion; one still pending is settled
     * by its listener, which drains again. A long backlog yields the event loop to other clients
     * after a few batches.
     */
    void drain() {
        for (int batches = 0; batches < BATCHES_PER_PASS; batches++) {
            if (channel == null || writePending || readBurst || holding) {
                return;
            }
            int bytes = fillBatch();
            if (bytes == 0) {
                return;
            }
            Channel written = channel;
            ChannelFuture f = write(bytes);
            if (!f.isDone()) {
                f.addListener((ChannelFuture done) -> {
                    if (batchWritten(written, done)) {
                        drain();
                    }
                });
                return;
            }
            if (!batchWritten(written, f)) {
                return;
            }
        }
        if (!drainScheduled) {
            drainScheduled = true;
            loop.execute(() -> {
                drainScheduled = false;
                drain();
            });
        }
    }

    /** Moves control packets, then admitted operations, into the batch; returns its size in bytes. */
    private int fillBatch() {
        // One clock read per batch, not per operation: ack deadlines are seconds long.
        batchNanos = System.nanoTime();
        // Control packets first (none is added while the batch fills); while flow control waits for tokens, they still go.
        int bytes = batch == null ? 0 : batch.takeOwed(BATCH_BYTES);
        while (bytes < BATCH_BYTES) {
            Operation<?> op = throttled == null && queue != null ? queue.peek() : null;
            if (op == null) {
                break;
            }
            Admission admission = admit(op);
            if (admission == Admission.REJECT) {
                queue.poll();
                fail(op, rejection, false);
            } else if (admission == Admission.TAKE) {
                queue.poll();
                bytes += take(op);
            } else {
                if (admission == Admission.NO_SEND_QUOTA) {
                    // Only PUBLISH waits for the server's Receive Maximum (MQTT-3.3.4-8).
                    bytes += takeNonPublishes(bytes);
                }
                break;
            }
        }
        if (queue != null && queue.isEmpty()) {
            // Dropped once empty: a queue that lived on would age into the old generation, where each
            // operation stored costs G1 a card mark (see WriteBatch); an idle client then holds none.
            queue = null;
        }
        return bytes;
    }

    /** Moves an admitted operation into the batch; returns its size on the wire. */
    private int take(Operation<?> op) {
        if (op.needsAck()) {
            op.packetId = inflight().allocate(op);
            counters.add(0, 0, 1, op.size());
            if (op instanceof PublishOperation) {
                publishesInFlight++;
            }
            deadlines.start(op, batchNanos);
        }
        batch().add(op);
        return op instanceof PublishOperation p ? p.wire.encodedSize() : op.size();
    }

    /** While QoS 1/2 publishes wait for send quota, subscribes and unsubscribes behind them go ahead. */
    private int takeNonPublishes(int bytes) {
        int taken = 0;
        for (Iterator<Operation<?>> it = queue.iterator(); it.hasNext() && bytes + taken < BATCH_BYTES
                && throttled == null; ) {
            Operation<?> op = it.next();
            if (op.isPublish()) {
                continue;
            }
            Admission admission = admit(op);
            if (admission == Admission.REJECT) {
                it.remove();
                fail(op, rejection, false);
            } else if (admission == Admission.TAKE) {
                it.remove();
                taken += take(op);
            } else {
                break;
            }
        }
        return taken;
    }

    private Admission admit(Operation<?> op) {
        if (op instanceof PublishOperation p) {
            IllegalArgumentException refused = ServerLimits.publishRefused(p, settings);
            if (refused != null) {
                return reject(refused);
            }
            if (p.needsAck() && publishesInFlight >= settings.receiveMaximumFromServer()) {
                return Admission.NO_SEND_QUOTA;
            }
        }
        if (inflight != null && inflight.size() >= 65535 && op.needsAck()) {
            return Admission.WAIT;
        }
        OutboundPacket wire = op.encoded;
        if (op instanceof PublishOperation p) {
            wire = topicAliases == null ? p.encoded : topicAliases.wireForm(p);
            if (wire == null) {
                return reject(ServerLimits.aliasRefused(p, settings));
            }
        } else if (op instanceof SubscribeOperation s && s.assignedIdentifier && !settings.subscriptionIdentifiersAvailable()) {
            reencode(s, router().dropAssignedIdentifier(s), false);
            wire = s.encoded;
        }
        if (wire.encodedSize() > settings.maximumPacketSizeToServer()) {
            return reject(ServerLimits.tooLarge(op, wire, settings));
        }
        if (flowControl != null) {
            long wait = flowControl.tryAcquire(op.isPublish(), wire.encodedSize(), batchNanos);
            if (wait > 0) {
                throttled = loop.schedule(() -> {
                    throttled = null;
                    drain();
                }, wait, TimeUnit.NANOSECONDS);
                return Admission.WAIT;
            }
        }
        if (op instanceof PublishOperation p) {
            p.wire = wire;
        }
        return Admission.TAKE;
    }

    private Admission reject(Throwable cause) {
        rejection = cause;
        return Admission.REJECT;
    }

    private ChannelFuture write(int bytes) {
        ByteBuf buf = batch.encode(channel.alloc(), bytes);
        writePending = true;
        lastWriteNanos = System.nanoTime();
        return channel.writeAndFlush(buf);
    }

    /** Settles a written batch; returns whether the pump may go on (the connection is unchanged and the write succeeded). */
    private boolean batchWritten(Channel written, ChannelFuture f) {
        if (written != channel) {
            return false;
        }
        writePending = false;
        if (!f.isSuccess()) {
            // The channel closes; disconnected() fails or keeps what was in this batch.
            written.close();
            return false;
        }
        // QoS 0 publishes are completed by their write, not by an ack.
        batch.settleWrite(op -> succeed(op, PublishResult.qos0(), false));
        return true;
    }

    private ArrayDeque<Operation<?>> queue() {
        if (queue == null) {
            queue = new ArrayDeque<>();
        }
        return queue;
    }

    private WriteBatch batch() {
        if (batch == null) {
            batch = new WriteBatch();
        }
        return batch;
    }

    /** The in-flight table, created on first use: an idle client holds none. */
    InflightTable<Operation<?>> inflight() {
        if (inflight == null) {
            inflight = new InflightTable<>();
        }
        return inflight;
    }

    /** Removes and returns the operations in flight, in submission order (see {@link InflightTable#drain}). */
    private List<Operation<?>> drainInflight() {
        return inflight == null ? List.of() : inflight.drain(SUBMISSION_ORDER);
    }

    /** Queues PUBREL for a QoS 2 publish whose PUBREC arrived. */
    void sendPubRel(int packetId) {
        sendControl(PUBREL, packetId);
    }
}
