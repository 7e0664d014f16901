package dev.mqtt5.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mqtt5.client.exception.MqttProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;

/** Runs our codec the way the pipeline will: bytes into an {@link EmbeddedChannel}, packets out. */
final class Wire {

    private Wire() {
    }

    /** Decodes exactly one packet from the bytes and checks nothing else came out. */
    static Object decode(byte[] bytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new Mqtt5Decoder(Mqtt5Decoder.NO_LIMIT));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        Object packet = channel.readInbound();
        assertThat(packet).as("decoded packet").isNotNull();
        assertThat((Object) channel.readInbound()).as("second packet").isNull();
        channel.finishAndReleaseAll();
        return packet;
    }

    /** Feeds the bytes and returns the protocol exception the decoder raised. */
    static MqttProtocolException decodeFailure(byte[] bytes) {
        return decodeFailure(new EmbeddedChannel(new Mqtt5Decoder(Mqtt5Decoder.NO_LIMIT)), bytes);
    }

    static MqttProtocolException decodeFailure(EmbeddedChannel channel, byte[] bytes) {
        Throwable thrown = catchThrowable(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes)));
        assertThat(thrown).as("decoding %s", ByteBufUtil.hexDump(bytes)).isInstanceOf(DecoderException.class);
        assertThat(thrown.getCause()).isInstanceOf(MqttProtocolException.class);
        assertThat((Object) channel.readInbound()).isNull();
        return (MqttProtocolException) thrown.getCause();
    }

    /** Encodes into a buffer of exactly the announced size and checks every byte was written. */
    static byte[] encode(OutboundPacket packet, int packetId, boolean dup) {
        ByteBuf out = Unpooled.buffer(packet.encodedSize(), packet.encodedSize());
        packet.writeTo(out, packetId, dup);
        assertThat(out.readableBytes()).as("bytes written vs encodedSize()").isEqualTo(packet.encodedSize());
        return ByteBufUtil.getBytes(out);
    }

    static byte[] encode(OutboundPacket packet) {
        return encode(packet, 0, false);
    }
}
