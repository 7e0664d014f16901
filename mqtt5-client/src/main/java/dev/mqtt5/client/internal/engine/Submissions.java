package dev.mqtt5.client.internal.engine;

import io.netty.channel.EventLoop;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands operations from application threads to the event loop. Operations submitted while the
 * loop is busy are taken together by one task, so that a burst of publishes leaves in few writes
 * and costs one wake-up of the loop, not one each. Thread-safe.
 */
final class Submissions {

    private final Queue<Operation<?>> submitted = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final EventLoop loop;
    private final OperationQueue operations;

    Submissions(EventLoop loop, OperationQueue operations) {
        this.loop = loop;
        this.operations = operations;
    }

    <T> CompletableFuture<T> submit(Operation<T> op) {
        submitted.offer(op);
        if (scheduled.compareAndSet(false, true)) {
            loop.execute(this::take);
        }
        return op.future;
    }

    private void take() {
        // Cleared first: an operation offered after this point schedules a new task.
        scheduled.set(false);
        Operation<?> op;
        while ((op = submitted.poll()) != null) {
            operations.enqueue(op);
        }
        operations.drain();
    }
}
