package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.OperationStatistics;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The four operation-queue counters, written by the event loop only and read from any thread as
 * a consistent snapshot: a sequence lock. The writer makes the sequence odd while it changes the
 * counters and even again after; a reader retries until it sees the same even number before and
 * after its read. The writer uses ordered (release) writes, not volatile ones, so an update costs
 * no memory fence on the publish path.
 */
final class StatisticsCounters {

    private static final VarHandle SEQUENCE;
    private static final VarHandle INCOMPLETE_COUNT;
    private static final VarHandle INCOMPLETE_SIZE;
    private static final VarHandle UNACKED_COUNT;
    private static final VarHandle UNACKED_SIZE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SEQUENCE = lookup.findVarHandle(StatisticsCounters.class, "sequence", long.class);
            INCOMPLETE_COUNT = lookup.findVarHandle(StatisticsCounters.class, "incompleteCount", long.class);
            INCOMPLETE_SIZE = lookup.findVarHandle(StatisticsCounters.class, "incompleteSize", long.class);
            UNACKED_COUNT = lookup.findVarHandle(StatisticsCounters.class, "unackedCount", long.class);
            UNACKED_SIZE = lookup.findVarHandle(StatisticsCounters.class, "unackedSize", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long sequence;
    private long incompleteCount;
    private long incompleteSize;
    private long unackedCount;
    private long unackedSize;

    /** Adds the deltas, atomically for readers. Event loop only. */
    void add(long incompleteCountDelta, long incompleteSizeDelta, long unackedCountDelta, long unackedSizeDelta) {
        long s = sequence;
        SEQUENCE.setOpaque(this, s + 1);
        // The odd sequence becomes visible before any counter changes.
        VarHandle.storeStoreFence();
        INCOMPLETE_COUNT.setOpaque(this, incompleteCount + incompleteCountDelta);
        INCOMPLETE_SIZE.setOpaque(this, incompleteSize + incompleteSizeDelta);
        UNACKED_COUNT.setOpaque(this, unackedCount + unackedCountDelta);
        UNACKED_SIZE.setOpaque(this, unackedSize + unackedSizeDelta);
        // Release: the counters become visible before the even sequence.
        SEQUENCE.setRelease(this, s + 2);
    }

    /** A consistent snapshot; any thread. */
    OperationStatistics snapshot() {
        while (true) {
            long before = (long) SEQUENCE.getAcquire(this);
            if ((before & 1) == 0) {
                long count = (long) INCOMPLETE_COUNT.getOpaque(this);
                long size = (long) INCOMPLETE_SIZE.getOpaque(this);
                long unacked = (long) UNACKED_COUNT.getOpaque(this);
                long unackedBytes = (long) UNACKED_SIZE.getOpaque(this);
                // The counters are read before the sequence is read again.
                VarHandle.loadLoadFence();
                if ((long) SEQUENCE.getOpaque(this) == before) {
                    return new OperationStatistics(count, size, unacked, unackedBytes);
                }
            }
            Thread.onSpinWait();
        }
    }
}
