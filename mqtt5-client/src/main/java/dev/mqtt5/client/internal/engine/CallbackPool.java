package dev.mqtt5.client.internal.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM-wide default executor for callbacks and future completions: daemon threads created on
 * demand and retired after a minute idle, so idle clients cost no thread and a callback that
 * blocks never starves another client.
 */
final class CallbackPool {

    private static final ExecutorService POOL = create();

    private CallbackPool() {
    }

    static ExecutorService get() {
        return POOL;
    }

    private static ExecutorService create() {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "mqtt5-callback-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        return pool;
    }
}
