package dev.mqtt5.client.internal.engine;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keep-alive deadlines of every client on one event loop, under one timer: the armed
 * {@link KeepAlive}s in a binary min-heap ordered by deadline, and one scheduled task for the
 * earliest. An idle client so costs a heap slot and two fields, not a Netty timer task of its own.
 *
 * <p>A deadline may be early, never late: a keep-alive whose deadline passes looks at the
 * connection and sets its next one. One per event loop thread, created on first use. Event loop only.
 */
final class KeepAliveWheel implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(KeepAliveWheel.class);
    private static final FastThreadLocal<KeepAliveWheel> WHEELS = new FastThreadLocal<>();

    private final EventLoop loop;
    private KeepAlive[] heap = new KeepAlive[16];
    private int size;
    /** Fires at {@link #timerDue} for the earliest deadline; null while no deadline is armed. */
    private ScheduledFuture<?> timer;
    private long timerDue;

    private KeepAliveWheel(EventLoop loop) {
        this.loop = loop;
    }

    /** The wheel of the event loop; call on that loop. */
    static KeepAliveWheel of(EventLoop loop) {
        KeepAliveWheel wheel = WHEELS.get();
        if (wheel == null) {
            wheel = new KeepAliveWheel(loop);
            WHEELS.set(wheel);
        } else if (wheel.loop != loop) {
            throw new IllegalStateException("keep-alive of a client on another event loop than the calling thread's");
        }
        return wheel;
    }

    /** Arms a keep-alive at the given {@link System#nanoTime()}, or moves its deadline there. */
    void schedule(KeepAlive keepAlive, long due) {
        keepAlive.due = due;
        int i = keepAlive.wheelIndex;
        if (i < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            i = size++;
            heap[i] = keepAlive;
            keepAlive.wheelIndex = i;
        }
        siftDown(siftUp(i));
        arm();
    }

    /** Disarms a keep-alive; nothing happens if it is not armed. */
    void cancel(KeepAlive keepAlive) {
        int i = keepAlive.wheelIndex;
        if (i < 0) {
            return;
        }
        keepAlive.wheelIndex = -1;
        KeepAlive last = heap[--size];
        heap[size] = null;
        if (last != keepAlive) {
            heap[i] = last;
            last.wheelIndex = i;
            siftDown(siftUp(i));
        }
        if (size == 0 && timer != null) {
            timer.cancel(false);
            timer = null;
        }
        // Otherwise the timer may now fire early: run() finds nothing due and arms it again.
    }

    /** The keep-alive with the earliest deadline, or null when none is armed; for tests. */
    KeepAlive earliest() {
        return size == 0 ? null : heap[0];
    }

    /** The timer: hands every passed deadline to its keep-alive, then waits for the next one. */
    @Override
    public void run() {
        timer = null;
        long now = System.nanoTime();
        while (size > 0 && heap[0].due - now <= 0) {
            KeepAlive due = heap[0];
            cancel(due);
            try {
                due.expired(this, now);
            } catch (RuntimeException e) {
                // One client's failure must not stop the keep-alive of the others on this loop; that
                // client's connection, no longer kept alive, is closed (and reconnects as configured).
                log.warn("MQTT 5 keep-alive failed; closing the client's connection", e);
                due.failed(e);
            }
        }
        arm();
    }

    /** Schedules the timer for the earliest deadline, unless it already fires at or before it. */
    private void arm() {
        if (size == 0) {
            return;
        }
        long due = heap[0].due;
        if (timer != null) {
            if (due - timerDue >= 0) {
                return;
            }
            timer.cancel(false);
        }
        timerDue = due;
        timer = loop.schedule(this, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Moves the entry at i towards the root while it is earlier than its parent; returns where it ends. */
    private int siftUp(int i) {
        KeepAlive k = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            KeepAlive p = heap[parent];
            if (k.due - p.due >= 0) {
                break;
            }
            place(p, i);
            i = parent;
        }
        place(k, i);
        return i;
    }

    /** Moves the entry at i towards the leaves while a child is earlier. */
    private void siftDown(int i) {
        KeepAlive k = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].due - heap[child].due < 0) {
                child = right;
            }
            if (heap[child].due - k.due >= 0) {
                break;
            }
            place(heap[child], i);
            i = child;
        }
        place(k, i);
    }

    private void place(KeepAlive k, int i) {
        heap[i] = k;
        k.wheelIndex = i;
    }
}
