package dev.mqtt5.bench.workload;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap allocated by the whole JVM, threads that have ended included: the eden space's growth,
 * plus what eden held before each young collection (from GC notifications). {@link Allocation}
 * sums the live threads' counters, which lose a thread's bytes when it ends: a contender that
 * starts a thread per burst of messages showed negative figures with it. Approximate to a TLAB
 * and to the collections that end after {@link #bytes} is read.
 */
final class HeapAllocation {

    private static final AtomicLong COLLECTED = new AtomicLong();
    private static final MemoryPoolMXBean EDEN;

    static {
        MemoryPoolMXBean eden = null;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().contains("Eden")) {
                eden = pool;
            }
        }
        EDEN = eden;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
                MemoryUsage before = info.getMemoryUsageBeforeGc().get(EDEN.getName());
                MemoryUsage after = info.getMemoryUsageAfterGc().get(EDEN.getName());
                if (before != null && after != null) {
                    COLLECTED.addAndGet(before.getUsed() - after.getUsed());
                }
            }, null, null);
        }
    }

    private HeapAllocation() {
    }

    /** Bytes allocated in eden since the JVM started, as far as collections have been reported. */
    static long bytes() {
        return COLLECTED.get() + EDEN.getUsage().getUsed();
    }
}
