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
            SEQUENCE = lookup.findVarHandle(StatisticsCounters.class, "sequence", int.class);
            INCOMPLETE_COUNT = lookup.findVarHandle(StatisticsCounters.class, "incompleteCount", int.class);
            INCOMPLETE_SIZE = lookup.findVarHandle(StatisticsCounters.class, "incompleteSize", long.class);
            UNACKED_COUNT = lookup.findVarHandle(StatisticsCounters.class, "unackedCount", int.class);
            UNACKED_SIZE = lookup.findVarHandle(StatisticsCounters.class, "unackedSize", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Counts and the sequence are ints (a client cannot hold 2^31 operations; a reader would have to
    // stall for 2^32 updates to be fooled by a wrapped sequence): 16 bytes less per client than longs.
    private int sequence;
    private int incompleteCount;
    private long incompleteSize;
    private int unackedCount;
    private long unackedSize;

    /** Adds the deltas, atomically for readers. Event loop only. */
    void add(long incompleteCountDelta, long incompleteSizeDelta, long unackedCountDelta, long unackedSizeDelta) {
        int s = sequence;
        SEQUENCE.setOpaque(this, s + 1);
        // The odd sequence becomes visible before any counter changes.
        VarHandle.storeStoreFence();
        INCOMPLETE_COUNT.setOpaque(this, incompleteCount + (int) incompleteCountDelta);
        INCOMPLETE_SIZE.setOpaque(this, incompleteSize + incompleteSizeDelta);
        UNACKED_COUNT.setOpaque(this, unackedCount + (int) unackedCountDelta);
        UNACKED_SIZE.setOpaque(this, unackedSize + unackedSizeDelta);
        // Release: the counters become visible before the even sequence.
        SEQUENCE.setRelease(this, s + 2);
    }

    /** A consistent snapshot; any thread. */
    OperationStatistics snapshot() {
        while (true) {
            int before = (int) SEQUENCE.getAcquire(this);
            if ((before & 1) == 0) {
                int count = (int) INCOMPLETE_COUNT.getOpaque(this);
                long size = (long) INCOMPLETE_SIZE.getOpaque(this);
                int unacked = (int) UNACKED_COUNT.getOpaque(this);
                long unackedBytes = (long) UNACKED_SIZE.getOpaque(this);
                // The counters are read before the sequence is read again.
                VarHandle.loadLoadFence();
                if ((int) SEQUENCE.getOpaque(this) == before) {
                    return new OperationStatistics(count, size, unacked, unackedBytes);
                }
            }
            Thread.onSpinWait();
        }
    }
}
