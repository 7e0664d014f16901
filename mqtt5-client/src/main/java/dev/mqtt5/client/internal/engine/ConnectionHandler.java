package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.internal.codec.Mqtt5Decoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import java.util.List;

/**
 * The MQTT handler of a connection's pipeline: decodes what the server sends and hands each
 * packet, and the channel's events, to the engine. One handler rather than a decoder followed by
 * a handler: every connection of an idle client costs a pipeline context less.
 */
final class ConnectionHandler extends Mqtt5Decoder {

    private final ClientEngine engine;
    private final int generation;

    ConnectionHandler(ClientEngine engine, int generation, long maximumPacketSize) {
        super(maximumPacketSize);
        this.engine = engine;
        this.generation = generation;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        super.decode(ctx, in, out);
        // The packet goes to the engine here instead of down the pipeline; an engine failure is
        // reported as exceptionCaught would have reported it from a handler of its own.
        for (int i = 0; i < out.size(); i++) {
            try {
                engine.onPacket(generation, out.get(i));
            } catch (RuntimeException e) {
                engine.onChannelError(generation, e);
            }
        }
        out.clear();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        engine.bytesArrived(generation);
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        super.channelReadComplete(ctx);
        engine.onReadComplete(generation);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable actual = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        engine.onChannelError(generation, actual);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        try {
            // Decodes what is left, as a separate decoder did before the connection handler saw the close.
            super.channelInactive(ctx);
        } finally {
            engine.onChannelClosed(generation);
        }
    }
}
