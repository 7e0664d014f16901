package dev.mqtt5.aws.iot.rr;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The library's daemon threads: a pool for user callbacks that may block, and one timer thread for deadlines. */
final class SharedThreads {

    /** Grows as callbacks block, shrinks after a minute idle: callbacks of one client never wait for another's. */
    static final ExecutorService CALLBACKS = Executors.newCachedThreadPool(daemon("mqtt5-aws-iot-callback-"));
    /** Only fires deadlines; never runs user code (a deadline's failure is completed on the callback executor). */
    static final ScheduledThreadPoolExecutor TIMER = timer();

    private SharedThreads() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("mqtt5-aws-iot-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
