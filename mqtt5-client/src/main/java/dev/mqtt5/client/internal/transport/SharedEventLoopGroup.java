package dev.mqtt5.client.internal.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM-wide, reference-counted Netty event loop group that every client shares, so that a
 * client costs no thread of its own. Its daemon threads are named {@code mqtt5-io-N}, one per
 * available processor.
 *
 * <p>Each {@link #acquire()} must be paired with one {@link #release()}. When the last user releases
 * it, the group lingers for a few seconds before it shuts down gracefully, so that a client
 * created right after another one closed (a reconnecting service, a test suite) does not pay for
 * new threads; an {@code acquire()} in that time keeps it. Thread-safe.
 */
public final class SharedEventLoopGroup {

    private static final SharedEventLoopGroup JVM_WIDE = new SharedEventLoopGroup(Duration.ofSeconds(5));

    private final Duration linger;
    private EventLoopGroup group;
    private int users;
    private ScheduledFuture<?> pendingShutdown;

    /**
     * Creates an independent counter; production code uses the static methods, tests a fresh instance.
     *
     * @param linger how long the group outlives its last user
     */
    SharedEventLoopGroup(Duration linger) {
        this.linger = linger;
    }

    /**
     * Returns the shared group, creating it if no client holds it, and counts one more user.
     *
     * @return the shared event loop group; do not shut it down, call {@link #release()}
     */
    public static EventLoopGroup acquire() {
        return JVM_WIDE.acquireGroup();
    }

    /**
     * Counts one user less; the last release shuts the group down gracefully (in the background).
     *
     * @throws IllegalStateException if called more often than {@link #acquire()}
     */
    public static void release() {
        JVM_WIDE.releaseGroup();
    }

    synchronized EventLoopGroup acquireGroup() {
        if (pendingShutdown != null) {
            pendingShutdown.cancel(false);
            pendingShutdown = null;
        }
        if (group == null) {
            group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                    new IoThreadFactory(), SocketTransport.current().ioHandlerFactory());
        }
        users++;
        return group;
    }

    synchronized void releaseGroup() {
        if (users == 0) {
            throw new IllegalStateException("SharedEventLoopGroup released more often than acquired");
        }
        if (--users > 0) {
            return;
        }
        EventLoopGroup idle = group;
        if (linger.isZero()) {
            shutDown(idle);
        } else {
            pendingShutdown = idle.next().schedule(() -> shutDown(idle), linger.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void shutDown(EventLoopGroup idle) {
        if (users == 0 && group == idle) {
            group = null;
            pendingShutdown = null;
            idle.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
    }

    /** Creates daemon {@code mqtt5-io-N} threads that Netty recognises as its own (fast thread locals). */
    private static final class IoThreadFactory implements ThreadFactory {

        private static final AtomicInteger NEXT_ID = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new FastThreadLocalThread(task, "mqtt5-io-" + NEXT_ID.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }
    }
}
