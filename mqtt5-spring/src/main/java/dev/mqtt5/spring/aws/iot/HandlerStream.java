package dev.mqtt5.spring.aws.iot;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.aws.iot.rr.StreamingOperation;

/**
 * A service stream whose events run handler methods on a thread of their own: stopping closes the
 * stream, lets the queued work finish and refuses new work quietly. Reads it waits for (a shadow's
 * catch-up read, the next job) are abandoned at stop, so that a stop right after start does not
 * wait for a reply that may never come; a running handler and the report of its result are not.
 */
abstract class HandlerStream {

    private final ExecutorService executor;

    private volatile StreamingOperation stream;

    private final Set<CompletableFuture<?>> reads = ConcurrentHashMap.newKeySet();

    HandlerStream(String threadName) {
        this.executor = AwsIotHandlerThreads.serial(threadName);
    }

    /** Opens the stream; called once, by {@link #start()}. */
    abstract StreamingOperation open();

    final void start() {
        this.stream = open();
    }

    /** Runs {@code work} on the handler thread, after the work queued before it; nothing once stopped. */
    final void submit(Runnable work) {
        try {
            this.executor.execute(work);
        }
        catch (RejectedExecutionException ex) {
            // stopped: the stream's last events are not handled
        }
    }

    /**
     * Waits for a read that stopping abandons.
     *
     * @throws CancellationException when the stream was stopped before the reply came
     */
    final <T> T awaitRead(CompletableFuture<T> read, Duration timeout) throws Exception {
        this.reads.add(read);
        try {
            if (isStopped()) {
                read.cancel(false);
            }
            return read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        finally {
            this.reads.remove(read);
        }
    }

    final boolean isStopped() {
        return this.executor.isShutdown();
    }

    final void stop() {
        StreamingOperation open = this.stream;
        if (open != null) {
            open.close();
        }
        this.executor.shutdown();
        this.reads.forEach((read) -> read.cancel(false));
    }

    final boolean awaitStopped(Duration wait) throws InterruptedException {
        return this.executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
