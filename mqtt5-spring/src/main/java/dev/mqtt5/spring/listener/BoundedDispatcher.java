package dev.mqtt5.spring.listener;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on an executor, at most {@code concurrency} at a time, in submission order (strictly
 * one after another with a concurrency of 1). Workers drain the queue, so a burst costs one
 * executor task per worker, not one per message.
 */
final class BoundedDispatcher {

    private static final long IDLE_POLL_MILLIS = 5;

    private final Executor executor;

    private final int concurrency;

    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();

    private final AtomicInteger workers = new AtomicInteger();

    BoundedDispatcher(Executor executor, int concurrency) {
        this.executor = executor;
        this.concurrency = concurrency;
    }

    void submit(Runnable task) {
        this.queue.add(task);
        startWorkerIfNeeded();
    }

    private void startWorkerIfNeeded() {
        while (true) {
            int current = this.workers.get();
            if (current >= this.concurrency || this.queue.isEmpty()) {
                return;
            }
            if (this.workers.compareAndSet(current, current + 1)) {
                try {
                    this.executor.execute(this::drain);
                } catch (RuntimeException ex) {
                    this.workers.decrementAndGet();
                    throw ex;
                }
                return;
            }
        }
    }

    /** Tasks waiting or running, roughly (a worker between two tasks counts as one running). */
    int pending() {
        return this.queue.size() + this.workers.get();
    }

    /**
     * Waits until no task is waiting or running, or the deadline passes. For shutdown, when no
     * more tasks are submitted; polls, so submitting costs nothing extra.
     *
     * @param deadlineNanos the {@link System#nanoTime()} to give up at
     * @return whether it is idle
     */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        while (!this.queue.isEmpty() || this.workers.get() > 0) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            Thread.sleep(IDLE_POLL_MILLIS);
        }
        return true;
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = this.queue.poll()) != null) {
                task.run();
            }
        } finally {
            this.workers.decrementAndGet();
            // a task added between the last poll and the decrement must not be stranded
            startWorkerIfNeeded();
        }
    }
}
