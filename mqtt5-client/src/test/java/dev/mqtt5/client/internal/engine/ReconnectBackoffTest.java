package dev.mqtt5.client.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.config.JitterMode;
import dev.mqtt5.client.config.ReconnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private static ReconnectOptions options(JitterMode mode) {
        return ReconnectOptions.builder().minDelay(Duration.ofSeconds(1)).maxDelay(Duration.ofSeconds(120))
                .jitterMode(mode).resetAfter(Duration.ofSeconds(30)).build();
    }

    private static List<Long> delays(ReconnectBackoff backoff, int n) {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            delays.add(backoff.nextDelayMillis());
        }
        return delays;
    }

    @Test
    void withoutJitterDelaysDoubleFromTheMinimumUpToTheMaximum() {
        ReconnectBackoff backoff = new ReconnectBackoff(options(JitterMode.NONE));
        assertThat(delays(backoff, 10)).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 32000L, 64000L,
                120000L, 120000L, 120000L);
    }

    @Test
    void fullJitterDrawsBetweenZeroAndTheExponentialDelay() {
        List<long[]> ranges = new ArrayList<>();
        ReconnectBackoff backoff = new ReconnectBackoff(options(JitterMode.FULL), (from, to) -> {
            ranges.add(new long[] {from, to});
            return to;
        });
        assertThat(delays(backoff, 4)).containsExactly(1000L, 2000L, 4000L, 8000L);
        assertThat(ranges).allSatisfy(r -> assertThat(r[0]).isZero());
        ReconnectBackoff real = new ReconnectBackoff(options(JitterMode.FULL));
        for (int i = 0; i < 200; i++) {
            long delay = real.nextDelayMillis();
            assertThat(delay).isBetween(0L, 120_000L);
        }
    }

    @Test
    void decorrelatedJitterStaysBetweenTheMinimumAndThreeTimesThePreviousDelay() {
        ReconnectBackoff backoff = new ReconnectBackoff(options(JitterMode.DECORRELATED), (from, to) -> to);
        assertThat(delays(backoff, 7)).containsExactly(3000L, 9000L, 27000L, 81000L, 120000L, 120000L, 120000L);
        ReconnectBackoff lowest = new ReconnectBackoff(options(JitterMode.DECORRELATED), (from, to) -> from);
        assertThat(delays(lowest, 3)).containsExactly(1000L, 1000L, 1000L);
    }

    @Test
    void aConnectionThatLastedResetAfterStartsTheBackoffAgain() {
        ReconnectBackoff backoff = new ReconnectBackoff(options(JitterMode.NONE));
        delays(backoff, 5);
        backoff.connectionEnded(29_999);
        assertThat(backoff.nextDelayMillis()).isEqualTo(32_000L);
        backoff.connectionEnded(30_000);
        assertThat(backoff.nextDelayMillis()).isEqualTo(1_000L);
    }
}
