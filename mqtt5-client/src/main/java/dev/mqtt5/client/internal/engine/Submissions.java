package dev.mqtt5.client.internal.engine;

import io.netty.channel.EventLoop;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * Hands operations from application threads to the event loop. Operations submitted while the
 * loop is busy are taken together by one task, so that a burst of publishes leaves in few writes
 * and costs one wake-up of the loop, not one each. Thread-safe.
 *
 * <p>Submitted operations wait on a lock-free stack ({@link SubmissionNode}):
 * one compare-and-set per submission, and nothing allocated while it is empty. The submission
 * that finds it empty schedules the task, which takes the whole stack at once and queues it
 * oldest first.
 */
final class Submissions {

    private static final VarHandle SUBMITTED;

    static {
        try {
            SUBMITTED = MethodHandles.lookup().findVarHandle(Submissions.class, "submitted", Operation.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The most recent submission not yet taken by the loop, or null. */
    @SuppressWarnings("unused") // written through SUBMITTED
    private volatile Operation<?> submitted;
    private final EventLoop loop;
    private final OperationQueue operations;

    Submissions(EventLoop loop, OperationQueue operations) {
        this.loop = loop;
        this.operations = operations;
    }

    <T> CompletableFuture<T> submit(Operation<T> op) {
        Operation<?> head;
        do {
            head = submitted;
            op.next = head;
        } while (!SUBMITTED.compareAndSet(this, head, op));
        if (head == null) {
            // The stack was empty: no task is pending for it yet.
            loop.execute(this::take);
        }
        return op.future;
    }

    private void take() {
        // Emptied first: an operation submitted after this point schedules a new task.
        Operation<?> oldest = SubmissionNode.oldestFirst((Operation<?>) SUBMITTED.getAndSet(this, null));
        while (oldest != null) {
            Operation<?> op = oldest;
            oldest = op.next;
            op.next = null;
            operations.enqueue(op);
        }
        operations.drain();
    }
}
