package dev.mqtt5.client.internal.engine;

import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The ack timeouts of written operations. Operations on the client's default timeout wait in one
 * queue in write order, so their deadlines are in order too and one timer serves them all; an
 * operation with its own timeout gets a timer of its own. Settled operations leave the head of
 * the queue as acks arrive (mostly in order), so the queue stays about as long as the number of
 * operations in flight. Event loop only.
 */
final class AckDeadlines {

    private final long defaultNanos;
    /** Says whether an operation still waits for its ack, fails one whose timeout ran out, and has the event loop. */
    private final OperationQueue operations;
    /** Created on the first write of an operation on the default timeout: an idle client holds none. */
    private ArrayDeque<Operation<?>> queue;
    private ScheduledFuture<?> timer;

    AckDeadlines(Duration defaultTimeout, OperationQueue operations) {
        this.defaultNanos = defaultTimeout.toNanos();
        this.operations = operations;
    }

    /** Starts the timeout of an operation written at {@code nowNanos} (System.nanoTime). */
    void start(Operation<?> op, long nowNanos) {
        if (op.ackTimeout != null) {
            op.timeoutTask = operations.loop().schedule(() -> {
                op.timeoutTask = null;
                if (operations.awaitingAck(op)) {
                    operations.ackTimedOut(op);
                }
            }, op.ackTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        op.deadlineNanos = nowNanos + defaultNanos;
        if (queue == null) {
            queue = new ArrayDeque<>(2);
        }
        queue.add(op);
        if (timer == null) {
            timer = operations.loop().schedule(this::check, defaultNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Forgets settled operations at the head of the queue. */
    void trim() {
        if (queue == null) {
            return;
        }
        Operation<?> head;
        while ((head = queue.peek()) != null && (head.settled || head.abandoned)) {
            queue.poll();
        }
    }

    /** The connection ended: operations written again get fresh deadlines then. */
    void clear() {
        if (queue != null) {
            queue.clear();
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void check() {
        timer = null;
        long now = System.nanoTime();
        Operation<?> op;
        while ((op = queue.peek()) != null) {
            if (!operations.awaitingAck(op)) {
                queue.poll();
            } else if (op.deadlineNanos - now > 0) {
                timer = operations.loop().schedule(this::check, op.deadlineNanos - now, TimeUnit.NANOSECONDS);
                return;
            } else {
                queue.poll();
                operations.ackTimedOut(op);
            }
        }
    }
}
