package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.OperationStatistics;

/**
 * The four operation-queue counters, written by the event loop only and read from any thread as
 * a consistent snapshot. A sequence number makes the read consistent without a lock or an
 * allocation per update: the writer makes it odd while it changes the counters, and a reader
 * retries until it sees the same even number before and after its read.
 */
final class StatisticsCounters {

    private volatile long sequence;
    private volatile long incompleteCount;
    private volatile long incompleteSize;
    private volatile long unackedCount;
    private volatile long unackedSize;

    /** Adds the deltas, atomically for readers. Event loop only. */
    void add(long incompleteCountDelta, long incompleteSizeDelta, long unackedCountDelta, long unackedSizeDelta) {
        sequence++;
        incompleteCount += incompleteCountDelta;
        incompleteSize += incompleteSizeDelta;
        unackedCount += unackedCountDelta;
        unackedSize += unackedSizeDelta;
        sequence++;
    }

    /** A consistent snapshot; any thread. */
    OperationStatistics snapshot() {
        while (true) {
            long before = sequence;
            if ((before & 1) == 0) {
                OperationStatistics s = new OperationStatistics(incompleteCount, incompleteSize, unackedCount, unackedSize);
                if (sequence == before) {
                    return s;
                }
            }
            Thread.onSpinWait();
        }
    }
}
