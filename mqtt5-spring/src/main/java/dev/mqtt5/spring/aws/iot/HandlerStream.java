package dev.mqtt5.spring.aws.iot;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.aws.iot.rr.StreamingOperation;

/**
 * A service stream whose events run handler methods on a thread of their own: stopping closes the
 * stream, lets the queued work finish and refuses new work quietly.
 */
abstract class HandlerStream {

    private final ExecutorService executor;

    private volatile StreamingOperation stream;

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

    final boolean isStopped() {
        return this.executor.isShutdown();
    }

    final void stop() {
        StreamingOperation open = this.stream;
        if (open != null) {
            open.close();
        }
        this.executor.shutdown();
    }

    final boolean awaitStopped(Duration wait) throws InterruptedException {
        return this.executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
