package dev.mqtt5.client.internal.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on threads of another executor; owns no thread.
 *
 * <p>Submitted tasks wait on a lock-free stack (one compare-and-set each, nothing held while it is
 * empty); a run takes the whole stack at once and runs it oldest first, at most a bounded batch
 * per run.
 */
final class SerialExecutor implements Executor, Runnable {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
    /** Tasks one run executes at most: a bounded batch keeps one busy client from holding a pool thread forever. */
    private static final int BATCH = 256;
    private static final VarHandle SUBMITTED;
    private static final VarHandle SCHEDULED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SUBMITTED = lookup.findVarHandle(SerialExecutor.class, "submitted", Task.class);
            SCHEDULED = lookup.findVarHandle(SerialExecutor.class, "scheduled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Executor delegate;
    /** Submitted tasks not yet taken by a run, newest first; null when there are none. */
    @SuppressWarnings("unused") // written through SUBMITTED
    private volatile Task submitted;
    /** Whether a run is scheduled or running. */
    @SuppressWarnings("unused") // written through SCHEDULED
    private volatile boolean scheduled;
    /** Tasks taken from the stack, oldest first, that the last run left to the next; only the running one touches it. */
    private Task taken;

    /** A submitted task and the one submitted before it (on the stack) or after it (once taken). */
    private static final class Task extends SubmissionNode<Task> {

        final Runnable runnable;

        Task(Runnable runnable) {
            this.runnable = runnable;
        }
    }

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    /** The executor whose threads run the tasks. */
    Executor delegate() {
        return delegate;
    }

    @Override
    public void execute(Runnable runnable) {
        Task task = new Task(Objects.requireNonNull(runnable, "task"));
        Task head;
        do {
            head = submitted;
            task.next = head;
        } while (!SUBMITTED.compareAndSet(this, head, task));
        schedule(false);
    }

    /** Schedules a run if there is work and none is scheduled; {@code leftover}: the last run left tasks. */
    private void schedule(boolean leftover) {
        if ((leftover || submitted != null) && SCHEDULED.compareAndSet(this, false, true)) {
            // The executor is its own run: no task object per scheduled run.
            delegate.execute(this);
        }
    }

    /** One run of up to {@link #BATCH} tasks, on a thread of the delegate; only {@link #schedule} submits it. */
    @Override
    public void run() {
        try {
            for (int i = 0; i < BATCH; i++) {
                if (taken == null) {
                    taken = SubmissionNode.oldestFirst((Task) SUBMITTED.getAndSet(this, null));
                    if (taken == null) {
                        break;
                    }
                }
                Task task = taken;
                taken = task.next;
                try {
                    task.runnable.run();
                } catch (Throwable t) {
                    log.warn("MQTT 5 client callback threw an exception; the client continues", t);
                }
            }
        } finally {
            boolean leftover = taken != null;
            scheduled = false;
            schedule(leftover);
        }
    }
}
