package dev.mqtt5.client.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.OperationStatistics;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StatisticsCountersTest {

    @Test
    void readersNeverSeeAHalfAppliedUpdate() throws Exception {
        StatisticsCounters counters = new StatisticsCounters();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<OperationStatistics> torn = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                OperationStatistics s = counters.snapshot();
                // Every update keeps size = 10 x count and unacked = incomplete.
                if (s.incompleteOperationSize() != 10 * s.incompleteOperationCount()
                        || s.unackedOperationCount() != s.incompleteOperationCount()
                        || s.unackedOperationSize() != s.incompleteOperationSize()) {
                    torn.set(s);
                }
            }
        });
        reader.start();
        for (int i = 0; i < 2_000_000; i++) {
            long sign = (i % 3 == 2) ? -1 : 1;
            counters.add(sign, 10 * sign, sign, 10 * sign);
        }
        done.set(true);
        reader.join();
        assertThat(torn.get()).isNull();
        OperationStatistics end = counters.snapshot();
        // 1,333,334 additions and 666,666 removals.
        assertThat(end).isEqualTo(new OperationStatistics(666_668, 6_666_680, 666_668, 6_666_680));
    }
}
