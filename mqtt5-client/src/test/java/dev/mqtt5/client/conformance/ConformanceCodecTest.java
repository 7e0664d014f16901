package dev.mqtt5.client.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.internal.codec.InboundPublish;
import dev.mqtt5.client.internal.codec.Mqtt5Decoder;
import dev.mqtt5.client.internal.codec.OutboundPacket;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import dev.mqtt5.client.packet.PubCompPacket;
import dev.mqtt5.client.packet.PubCompReasonCode;
import dev.mqtt5.client.packet.PubRecPacket;
import dev.mqtt5.client.packet.PubRecReasonCode;
import dev.mqtt5.client.packet.PubRelPacket;
import dev.mqtt5.client.packet.PubRelReasonCode;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.UserProperty;
import java.util.List;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wire-format statements checked byte by byte through an {@link EmbeddedChannel}. */
class ConformanceCodecTest {

    private static Object decode(byte[] bytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new Mqtt5Decoder(Mqtt5Decoder.NO_LIMIT));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        Object packet = channel.readInbound();
        channel.finishAndReleaseAll();
        return packet;
    }

    private static MqttProtocolException decodeFailure(byte[] bytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new Mqtt5Decoder(Mqtt5Decoder.NO_LIMIT));
        Throwable thrown = catchThrowable(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes)));
        assertThat(thrown).isInstanceOf(DecoderException.class).hasCauseInstanceOf(MqttProtocolException.class);
        return (MqttProtocolException) thrown.getCause();
    }

    private static byte[] encode(OutboundPacket packet) {
        ByteBuf out = Unpooled.buffer(packet.encodedSize());
        packet.writeTo(out, 0, false);
        return ByteBufUtil.getBytes(out);
    }

    @Test
    @Covers("MQTT-1.5.4-3")
    void keepsAByteOrderMarkInsideAReceivedString() {
        // PUBLISH QoS 0, topic "a" U+FEFF "b" (EF BB BF in UTF-8), no properties, no payload.
        byte[] bytes = {0x30, 0x08, 0x00, 0x05, 'a', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'b', 0x00};
        InboundPublish publish = (InboundPublish) decode(bytes);
        assertThat(publish.publish().topic()).isEqualTo("a\uFEFFb").hasSize(3);
    }

    @Test
    @Covers("MQTT-1.5.4-3")
    void keepsAByteOrderMarkAtTheStartOfAStringItSends() {
        byte[] bytes = encode(PacketEncoders.publish(PublishPacket.builder().topic("\uFEFFt").build()));
        assertThat(bytes).containsSubsequence((byte) 0x00, (byte) 0x04, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 't');
    }

    @ParameterizedTest(name = "payload of {0} bytes: Remaining Length in {1} byte(s)")
    @CsvSource({"0, 1", "123, 1", "124, 2", "16379, 2", "16380, 3"})
    @Covers("MQTT-1.5.5-1")
    void encodesTheRemainingLengthInTheFewestBytes(int payloadSize, int lengthBytes) {
        // Topic "t" (3 bytes), property length (1 byte) and the payload: Remaining Length = 4 + payloadSize.
        byte[] bytes = encode(PacketEncoders.publish(PublishPacket.builder().topic("t").payload(new byte[payloadSize]).build()));
        int remainingLength = 4 + payloadSize;
        assertThat(bytes.length).isEqualTo(1 + lengthBytes + remainingLength);
        for (int i = 1; i < lengthBytes; i++) {
            assertThat(bytes[i] & 0x80).as("continuation bit of length byte %d", i).isNotZero();
        }
        assertThat(bytes[lengthBytes] & 0x80).as("last length byte").isZero();
        assertThat(bytes[lengthBytes]).as("the last byte is never a zero continuation").isNotZero();
    }

    @Test
    @Covers("MQTT-3.14.1-1")
    void aDisconnectWithReservedFlagBitsSetIsMalformed() {
        for (int flags = 1; flags < 16; flags++) {
            MqttProtocolException e = decodeFailure(new byte[] {(byte) (0xE0 | flags), 0x00});
            assertThat(e.reasonCode()).as("flags %d", flags).isEqualTo(DisconnectReasonCode.MALFORMED_PACKET);
        }
    }

    @Test
    @Covers("MQTT-3.15.1-1")
    void anAuthWithReservedFlagBitsSetIsMalformed() {
        for (int flags = 1; flags < 16; flags++) {
            MqttProtocolException e = decodeFailure(new byte[] {(byte) (0xF0 | flags), 0x00});
            assertThat(e.reasonCode()).as("flags %d", flags).isEqualTo(DisconnectReasonCode.MALFORMED_PACKET);
        }
    }

    @Test
    @Covers({"MQTT-3.5.2-3", "MQTT-3.6.2-3", "MQTT-3.7.2-3"})
    void dropsUserPropertiesFromAPubRecPubRelOrPubCompThatWouldNotFitTheServersMaximum() {
        List<UserProperty> user = List.of(UserProperty.of("k", "v"));
        // Fixed header 2, packet id 2, reason code 1, property length 1, user property 7: 13 bytes in full.
        List<OutboundPacket> full = List.of(
                PacketEncoders.pubRec(new PubRecPacket(PubRecReasonCode.QUOTA_EXCEEDED, null, user)),
                PacketEncoders.pubRel(new PubRelPacket(PubRelReasonCode.PACKET_IDENTIFIER_NOT_FOUND, null, user)),
                PacketEncoders.pubComp(new PubCompPacket(PubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND, null, user)));
        List<OutboundPacket> fitted = List.of(
                PacketEncoders.pubRec(new PubRecPacket(PubRecReasonCode.QUOTA_EXCEEDED, null, user), 12),
                PacketEncoders.pubRel(new PubRelPacket(PubRelReasonCode.PACKET_IDENTIFIER_NOT_FOUND, null, user), 12),
                PacketEncoders.pubComp(new PubCompPacket(PubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND, null, user), 12));
        for (int i = 0; i < 3; i++) {
            assertThat(full.get(i).encodedSize()).isEqualTo(13);
            byte[] bytes = encode(fitted.get(i));
            assertThat(bytes).hasSize(5);
            assertThat(bytes[1]).as("Remaining Length: packet id and reason code only").isEqualTo((byte) 3);
        }
    }
}
