package dev.mqtt5.client.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeepAliveWheelTest {

    @Test
    void keepsTheEarliestDeadlineFirstThroughArmsMovesAndCancels() throws Exception {
        EventLoop loop = new DefaultEventLoop();
        try {
            loop.submit(() -> {
                KeepAliveWheel wheel = KeepAliveWheel.of(loop);
                assertThat(KeepAliveWheel.of(loop)).isSameAs(wheel);
                Random random = new Random(42);
                // Deadlines an hour away: the timer never fires during the test.
                long base = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
                List<KeepAlive> all = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    all.add(new KeepAlive(null));
                }
                for (int step = 0; step < 5000; step++) {
                    KeepAlive k = all.get(random.nextInt(all.size()));
                    if (random.nextInt(4) == 0) {
                        wheel.cancel(k);
                        assertThat(k.wheelIndex).isEqualTo(-1);
                    } else {
                        wheel.schedule(k, base + random.nextInt(1_000_000) - 500_000);
                    }
                }
                int armed = (int) all.stream().filter(k -> k.wheelIndex >= 0).count();
                long previous = Long.MIN_VALUE;
                for (int i = 0; i < armed; i++) {
                    KeepAlive first = wheel.earliest();
                    assertThat(first.due).isGreaterThanOrEqualTo(previous);
                    previous = first.due;
                    wheel.cancel(first);
                }
                assertThat(wheel.earliest()).isNull();
                assertThat(all).allMatch(k -> k.wheelIndex == -1);
            }).get(10, TimeUnit.SECONDS);
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
