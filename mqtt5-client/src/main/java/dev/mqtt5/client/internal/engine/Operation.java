package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.internal.codec.OutboundPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One user operation (publish, subscribe, unsubscribe) from submission to completion. It lives in
 * exactly one place at a time: the queue, or the in-flight table awaiting its ack; its encoded
 * size is computed once, at submission, and counted in the statistics while it is incomplete.
 */
abstract class Operation<T> extends SubmissionNode<Operation<?>> {

    final CompletableFuture<T> future = new CompletableFuture<>();
    /**
     * Submission order, used to resend unacknowledged operations in their original order; given
     * by the event loop when it takes the operation from {@link Submissions}.
     */
    long sequence;
    /** How long the server may take to acknowledge it once written; null means the client's default. */
    final Duration ackTimeout;
    OutboundPacket encoded;
    int packetId;
    /** The timer of an operation with its own ack timeout; operations on the default share one. */
    ScheduledFuture<?> timeoutTask;
    /** When the default ack timeout of the current write runs out (System.nanoTime). */
    long deadlineNanos;
    /** Its future has been completed or failed (the completion itself runs later, off the loop). */
    boolean settled;
    /**
     * Its future already failed (ack timeout) while the server may still acknowledge it: it keeps
     * its packet identifier until then, so that a late ack is absorbed, not a protocol error.
     */
    boolean abandoned;
    /** How many times in a row the server ended the connection while it was the oldest awaiting its ack ({@link PoisonOperations}). */
    int serverCloses;

    Operation(OutboundPacket encoded, Duration ackTimeout) {
        this.encoded = encoded;
        this.ackTimeout = ackTimeout;
    }

    int size() {
        return encoded.encodedSize();
    }

    /**
     * Whether the operation waits for an ack after it is written (and so needs a packet id):
     * SUBSCRIBE and UNSUBSCRIBE always do; publishes override this.
     */
    boolean needsAck() {
        return true;
    }

    /** Whether the offline-queue behaviour treats it as a publish; publishes override this. */
    boolean isPublish() {
        return false;
    }

    /** The QoS the offline-queue behaviour sees; 0 for everything but a publish. */
    int qos() {
        return 0;
    }

    /** What it is, for error messages. */
    abstract String describe();
}
