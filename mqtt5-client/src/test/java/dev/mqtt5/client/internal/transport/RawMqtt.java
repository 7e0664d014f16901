package dev.mqtt5.client.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Hand-encoded MQTT 5 CONNECT and a pipeline handler that collects the first packet back (the CONNACK). */
final class RawMqtt {

    private RawMqtt() {
    }

    /** An MQTT 5 CONNECT with clean start, keep alive 60 s, no properties. */
    static byte[] connect(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x10);
        out.write(11 + 2 + id.length);
        out.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 60, 0});
        out.write(id.length >> 8);
        out.write(id.length);
        out.writeBytes(id);
        return out.toByteArray();
    }

    /** Reads bytes until one whole MQTT packet has arrived, then completes {@link #packet}. */
    static final class FirstPacket extends ChannelInboundHandlerAdapter {

        final CompletableFuture<byte[]> packet = new CompletableFuture<>();
        private final ByteBuf bytes = Unpooled.buffer();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            bytes.writeBytes(in);
            in.release();
            if (bytes.readableBytes() >= 2 && bytes.readableBytes() >= 2 + bytes.getUnsignedByte(1)) {
                byte[] whole = new byte[2 + bytes.getUnsignedByte(1)];
                bytes.getBytes(0, whole);
                packet.complete(whole);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            packet.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            packet.completeExceptionally(new IOException("connection closed before a packet arrived"));
        }
    }

    /**
     * Sends a CONNECT on {@code channel} (whose pipeline ends with {@code reader}) and returns the
     * CONNACK reason code.
     */
    static int connAckReasonCode(Channel channel, FirstPacket reader) throws Exception {
        channel.writeAndFlush(Unpooled.wrappedBuffer(connect("transport-test-" + System.nanoTime())));
        byte[] connAck = reader.packet.get(5, TimeUnit.SECONDS);
        if (connAck[0] != 0x20) {
            throw new AssertionError("expected CONNACK, got packet type byte " + connAck[0]);
        }
        return connAck[3];
    }
}
