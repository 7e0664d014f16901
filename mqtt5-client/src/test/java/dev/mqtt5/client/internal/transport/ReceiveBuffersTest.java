package dev.mqtt5.client.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** Receive buffer sizing: follows the traffic within bounds, and stops a read burst when it should. */
class ReceiveBuffersTest {

    private final ChannelConfig config = new DefaultChannelConfig(new EmbeddedChannel());
    private final ReceiveBuffers.SizeHandle handle = (ReceiveBuffers.SizeHandle) ReceiveBuffers.SHARED.newHandle();

    /** One read as a channel does it: allocate, attempt the buffer's writable bytes, read {@code bytes}. */
    private void read(int bytes) {
        ByteBuf buf = handle.allocate(UnpooledByteBufAllocator.DEFAULT);
        try {
            handle.attemptedBytesRead(buf.writableBytes());
            handle.lastBytesRead(Math.min(bytes, buf.writableBytes()));
            handle.incMessagesRead(1);
        } finally {
            buf.release();
        }
    }

    @Test
    void startsAt2KiBAndDoublesAfterEveryFullReadUpTo64KiB() {
        handle.reset(config);
        assertThat(handle.guess()).isEqualTo(2048);
        read(100_000);
        assertThat(handle.guess()).isEqualTo(4096);
        for (int i = 0; i < 10; i++) {
            read(1_000_000);
        }
        assertThat(handle.guess()).isEqualTo(64 * 1024);
    }

    @Test
    void halvesAfterTwoSmallReadsInARowDownTo512Bytes() {
        handle.reset(config);
        read(10);
        assertThat(handle.guess()).as("one small read is not a trend").isEqualTo(2048);
        read(10);
        assertThat(handle.guess()).isEqualTo(1024);
        read(10);
        read(600);
        assertThat(handle.guess()).as("a read of more than a quarter breaks the run").isEqualTo(1024);
        for (int i = 0; i < 10; i++) {
            read(1);
        }
        assertThat(handle.guess()).isEqualTo(512);
    }

    @Test
    void readsOnWhileBuffersFillUpTo16ReadsPerWakeUp() {
        handle.reset(config);
        read(100);
        assertThat(handle.continueReading()).as("a read that did not fill its buffer drained the socket").isFalse();
        handle.reset(config);
        for (int i = 0; i < 15; i++) {
            read(1_000_000);
            assertThat(handle.continueReading()).isTrue();
        }
        read(1_000_000);
        assertThat(handle.continueReading()).as("16 reads per wake-up").isFalse();
        handle.reset(config);
        assertThat(handle.continueReading(() -> true)).as("nothing read yet in this burst").isFalse();
        read(1_000_000);
        assertThat(handle.continueReading(() -> false)).isFalse();
        config.setAutoRead(false);
        assertThat(handle.continueReading(() -> true)).isFalse();
    }

    @Test
    void isSharedAndFixed() {
        assertThat(ReceiveBuffers.SHARED.newHandle()).isNotSameAs(ReceiveBuffers.SHARED.newHandle());
        assertThat(ReceiveBuffers.SHARED.maxMessagesPerRead()).isEqualTo(16);
        assertThatThrownBy(() -> ReceiveBuffers.SHARED.maxMessagesPerRead(1))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
