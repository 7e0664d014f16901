package dev.mqtt5.client.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * Sizes the buffers the socket is read into, one compact handle per connection (Netty's adaptive
 * allocator keeps three objects per channel, about 110 bytes, which an idle client pays for). A
 * read that fills its buffer doubles the next one, up to 64 KiB; two reads in a row that use less
 * than a quarter halve it, down to 512 bytes; a connection starts at 2 KiB. Up to 16 reads per
 * wake-up, while the last one filled its buffer. One shared, stateless instance.
 */
final class ReceiveBuffers implements MaxMessagesRecvByteBufAllocator {

    static final ReceiveBuffers SHARED = new ReceiveBuffers();

    static final int MINIMUM = 512;
    static final int INITIAL = 2048;
    static final int MAXIMUM = 64 * 1024;
    private static final int MAX_READS_PER_WAKE_UP = 16;

    private ReceiveBuffers() {
    }

    @Override
    public Handle newHandle() {
        return new SizeHandle();
    }

    @Override
    public int maxMessagesPerRead() {
        return MAX_READS_PER_WAKE_UP;
    }

    /** Fixed: the instance is shared by every connection. */
    @Override
    public MaxMessagesRecvByteBufAllocator maxMessagesPerRead(int maxMessagesPerRead) {
        throw new UnsupportedOperationException("the client's receive buffer allocator is shared and fixed");
    }

    /** The per-connection state. Event loop only. */
    static final class SizeHandle implements ExtendedHandle {

        private ChannelConfig config;
        private int size = INITIAL;
        private int smallReads;
        private int reads;
        private int bytesRead;
        private int lastBytesRead;
        private int attemptedBytesRead;

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            return alloc.ioBuffer(size);
        }

        @Override
        public int guess() {
            return size;
        }

        @Override
        public void reset(ChannelConfig config) {
            this.config = config;
            reads = 0;
            bytesRead = 0;
        }

        @Override
        public void incMessagesRead(int numMessages) {
            reads += numMessages;
        }

        @Override
        public void lastBytesRead(int bytes) {
            lastBytesRead = bytes;
            if (bytes > 0) {
                bytesRead += bytes;
                adapt(bytes);
            }
        }

        /** Grows at once after a read that filled its buffer, shrinks only after two small ones in a row. */
        private void adapt(int bytes) {
            if (bytes >= attemptedBytesRead) {
                size = Math.min(size << 1, MAXIMUM);
                smallReads = 0;
            } else if (bytes < size >> 2 && size > MINIMUM) {
                if (++smallReads >= 2) {
                    size = Math.max(size >> 1, MINIMUM);
                    smallReads = 0;
                }
            } else {
                smallReads = 0;
            }
        }

        @Override
        public int lastBytesRead() {
            return lastBytesRead;
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            attemptedBytesRead = bytes;
        }

        @Override
        public int attemptedBytesRead() {
            return attemptedBytesRead;
        }

        @Override
        public boolean continueReading() {
            // More data is likely only when the last read filled its buffer.
            return config.isAutoRead() && attemptedBytesRead == lastBytesRead && reads < MAX_READS_PER_WAKE_UP
                    && bytesRead > 0;
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return config.isAutoRead() && maybeMoreDataSupplier.get() && reads < MAX_READS_PER_WAKE_UP && bytesRead > 0;
        }

        @Override
        public void readComplete() {
            // Sizes adapt read by read (lastBytesRead); nothing is left for the end of the burst.
        }
    }
}
