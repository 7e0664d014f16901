package dev.mqtt5.client.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SharedEventLoopGroupTest {

    @Test
    void sharesOneGroupOfDaemonThreadsUntilTheLastUserReleasesIt() throws Exception {
        // A private instance, so that other test classes holding the JVM-wide group are not disturbed.
        SharedEventLoopGroup shared = new SharedEventLoopGroup(Duration.ZERO);
        EventLoopGroup first = shared.acquireGroup();
        EventLoopGroup second = shared.acquireGroup();
        assertThat(second).isSameAs(first);

        Thread thread = first.next().submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
        assertThat(thread.getName()).matches("mqtt5-io-\\d+");
        assertThat(thread.isDaemon()).isTrue();

        shared.releaseGroup();
        assertThat(first.isShuttingDown()).isFalse();
        shared.releaseGroup();
        assertThat(first.terminationFuture().await(5, TimeUnit.SECONDS)).isTrue();

        EventLoopGroup fresh = shared.acquireGroup();
        assertThat(fresh).isNotSameAs(first);
        shared.releaseGroup();
    }

    @Test
    void outlivesItsLastUserForTheLingerSoThatTheNextClientReusesItsThreads() throws Exception {
        SharedEventLoopGroup shared = new SharedEventLoopGroup(Duration.ofMillis(300));
        EventLoopGroup first = shared.acquireGroup();
        shared.releaseGroup();
        EventLoopGroup again = shared.acquireGroup();
        assertThat(again).isSameAs(first);
        shared.releaseGroup();
        assertThat(first.terminationFuture().await(5, TimeUnit.SECONDS)).isTrue();
        EventLoopGroup fresh = shared.acquireGroup();
        assertThat(fresh).isNotSameAs(first);
        shared.releaseGroup();
    }

    @Test
    void rejectsAReleaseWithoutAnAcquire() {
        assertThatThrownBy(new SharedEventLoopGroup(Duration.ZERO)::releaseGroup).isInstanceOf(IllegalStateException.class);
    }
}
