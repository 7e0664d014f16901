package dev.mqtt5.client.internal.engine;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;

/** The last handler of a connection's pipeline: hands decoded packets and channel events to the engine. */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private final ClientEngine engine;
    private final int generation;

    ConnectionHandler(ClientEngine engine, int generation) {
        this.engine = engine;
        this.generation = generation;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        engine.onPacket(generation, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        engine.onReadComplete(generation);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable actual = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        engine.onChannelError(generation, actual);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        engine.onChannelClosed(generation);
    }
}
