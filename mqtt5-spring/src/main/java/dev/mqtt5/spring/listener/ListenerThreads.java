package dev.mqtt5.spring.listener;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The platform threads that run listener methods: an idle thread takes the next burst of
 * deliveries, so a steady trickle of messages reuses the same few threads instead of starting one
 * per burst; a thread idle for a minute ends. There is no upper bound, as with a thread per task:
 * a listener that waits for another listener (a request answered by the same application) can
 * never starve it. Closing lets running invocations finish; it does not interrupt them.
 */
public final class ListenerThreads implements Executor, AutoCloseable {

    private final ThreadPoolExecutor pool;

    /**
     * @param threadNamePrefix the prefix of the threads' names, such as {@code mqtt5-listener-}
     */
    public ListenerThreads(String threadNamePrefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(threadNamePrefix);
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                threads);
    }

    @Override
    public void execute(Runnable task) {
        this.pool.execute(task);
    }

    /** How many threads exist now, busy or idle; for tests and diagnostics. */
    public int threadCount() {
        return this.pool.getPoolSize();
    }

    @Override
    public void close() {
        this.pool.shutdown();
    }
}
