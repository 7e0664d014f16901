package dev.mqtt5.client.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.conformance.Covers;
import dev.mqtt5.client.internal.codec.InboundPublish;
import dev.mqtt5.client.internal.codec.Mqtt5Decoder;
import dev.mqtt5.client.internal.codec.PingResp;
import dev.mqtt5.client.packet.ConnAckPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MQTT over WebSocket (MQTT 5.0 chapter 6) at the framing layer, in an {@link EmbeddedChannel}. */
class WebSocketFramingConformanceTest {

    private static final byte[] CONNACK = {0x20, 0x03, 0x00, 0x00, 0x00};
    private static final byte[] PUBLISH = {0x30, 0x06, 0x00, 0x01, 't', 0x00, 'h', 'i'};
    private static final byte[] PINGRESP = {(byte) 0xD0, 0x00};

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new WebSocketFraming(), new Mqtt5Decoder(Mqtt5Decoder.NO_LIMIT));
    }

    private static List<Object> drain(EmbeddedChannel channel) {
        List<Object> out = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) {
            out.add(o);
        }
        return out;
    }

    @Test
    @Covers("MQTT-6.0.0-1")
    void sendsEveryPacketInABinaryFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocketFraming());
        channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xC0, 0x00}));
        Object frame = channel.readOutbound();
        assertThat(frame).isInstanceOf(BinaryWebSocketFrame.class);
        assertThat(ByteBufUtil.getBytes(((BinaryWebSocketFrame) frame).content())).containsExactly(0xC0, 0x00);
        ((BinaryWebSocketFrame) frame).release();
    }

    @Test
    @Covers("MQTT-6.0.0-1")
    void aTextFrameClosesTheConnection() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(new TextWebSocketFrame("{\"not\":\"mqtt\"}"));
        assertThat(drain(channel)).isEmpty();
        Object close = channel.readOutbound();
        assertThat(close).isInstanceOf(CloseWebSocketFrame.class);
        assertThat(((CloseWebSocketFrame) close).statusCode()).isEqualTo(WebSocketCloseStatus.INVALID_MESSAGE_TYPE.code());
        ((CloseWebSocketFrame) close).release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    @Covers("MQTT-6.0.0-2")
    void packetsNeedNotAlignWithFrameBoundaries() {
        EmbeddedChannel channel = channel();
        // Frame 1: a whole CONNACK and the first three bytes of a PUBLISH.
        ByteBuf first = Unpooled.buffer().writeBytes(CONNACK).writeBytes(PUBLISH, 0, 3);
        channel.writeInbound(new BinaryWebSocketFrame(false, 0, first));
        // Frame 2 (a continuation): the rest of the PUBLISH and a whole PINGRESP.
        ByteBuf second = Unpooled.buffer().writeBytes(PUBLISH, 3, PUBLISH.length - 3).writeBytes(PINGRESP);
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, second));
        List<Object> packets = drain(channel);
        assertThat(packets).hasSize(3);
        assertThat(packets.get(0)).isInstanceOf(ConnAckPacket.class);
        assertThat(((InboundPublish) packets.get(1)).publish().payloadAsString()).isEqualTo("hi");
        assertThat(packets.get(2)).isSameAs(PingResp.INSTANCE);
        assertThat(channel.isOpen()).isTrue();
    }
}
