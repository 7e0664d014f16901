package dev.mqtt5.client.internal.codec;

import static dev.mqtt5.client.internal.codec.Bytes.packet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mqtt5.client.conformance.Covers;
import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DecoderStrictnessTest {

    private static final int MALFORMED = 0x81;
    private static final int PROTOCOL = 0x82;

    /** A PUBLISH QoS 0 on topic "t" with the given properties and no payload. */
    private static byte[] publishWith(Bytes properties) {
        return packet(0x30, new Bytes().str("t").props(properties));
    }

    private static byte[] connAckWith(Bytes properties) {
        return packet(0x20, Bytes.of(0, 0).props(properties));
    }

    private static byte[] publishTopic(byte... topicBytes) {
        return packet(0x30, new Bytes().u16(topicBytes.length).raw(topicBytes).b(0));
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                // fixed header flags
                arguments("PUBREL flags must be 0b0010", Bytes.of(0x60, 2, 0, 1).array(), MALFORMED, "PUBREL: invalid fixed header flags 0b0000"),
                arguments("PUBACK flags must be 0", Bytes.of(0x41, 2, 0, 1).array(), MALFORMED, "PUBACK: invalid fixed header flags 0b0001"),
                arguments("CONNACK flags must be 0", Bytes.of(0x28, 3, 0, 0, 0).array(), MALFORMED, "CONNACK: invalid fixed header flags"),
                arguments("PINGRESP flags must be 0", Bytes.of(0xD1, 0).array(), MALFORMED, "PINGRESP: invalid fixed header flags"),
                arguments("PUBLISH QoS 3", Bytes.of(0x36, 4, 0, 1, 't', 0).array(), MALFORMED, "PUBLISH: QoS 3"),
                arguments("DUP on QoS 0", Bytes.of(0x38, 4, 0, 1, 't', 0).array(), MALFORMED, "PUBLISH: DUP flag"),
                // variable byte integers
                arguments("Remaining Length over 4 bytes", Bytes.of(0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).array(), MALFORMED, "PUBLISH: Remaining Length is longer than 4 bytes"),
                arguments("Remaining Length not minimal", Bytes.of(0xD0, 0x80, 0x00).array(), MALFORMED, "PINGRESP: Remaining Length is not minimally encoded"),
                arguments("Property Length over 4 bytes", packet(0x30, new Bytes().str("t").b(0xFF, 0xFF, 0xFF, 0xFF, 0x01)), MALFORMED, "PUBLISH: Property Length is longer than 4 bytes"),
                arguments("Subscription Identifier over 4 bytes", publishWith(new Bytes().b(0x0B, 0x81, 0x81, 0x81, 0x81, 0x01)), MALFORMED, "PUBLISH: property Subscription Identifier (0x0B) is longer than 4 bytes"),
                // lengths overrunning the packet
                arguments("Property Length overruns", packet(0x30, new Bytes().str("t").b(5, 0x01)), MALFORMED, "PUBLISH: Property Length 5 overruns the packet"),
                arguments("Topic Name overruns", packet(0x30, new Bytes().u16(9).b('t')), MALFORMED, "PUBLISH: Topic Name overruns the packet"),
                arguments("Correlation Data overruns", publishWith(new Bytes().b(0x09).u16(4).b(1)), MALFORMED, "PUBLISH: property Correlation Data (0x09) overruns the packet"),
                arguments("Reason String overruns", packet(0x40, new Bytes().u16(1).b(0).props(new Bytes().b(0x1F).u16(3).b('a'))), MALFORMED, "PUBACK: property Reason String (0x1F) overruns the packet"),
                arguments("User Property value overruns", connAckWith(new Bytes().b(0x26).str("k").u16(2)), MALFORMED, "CONNACK: property User Property (0x26) value overruns the packet"),
                arguments("fixed-size property overruns", connAckWith(new Bytes().b(0x27).u16(1)), MALFORMED, "CONNACK: property Maximum Packet Size (0x27) overruns"),
                arguments("packet ends before Packet Identifier", Bytes.of(0x40, 1, 0).array(), MALFORMED, "PUBACK: Packet Identifier overruns the packet"),
                arguments("CONNACK ends before Reason Code", Bytes.of(0x20, 1, 0).array(), MALFORMED, "CONNACK: Reason Code overruns the packet"),
                arguments("CONNACK without Property Length", Bytes.of(0x20, 2, 0, 0).array(), MALFORMED, "CONNACK: Property Length overruns the packet"),
                arguments("AUTH without Property Length", Bytes.of(0xF0, 1, 0x18).array(), MALFORMED, "AUTH: Property Length overruns the packet"),
                // trailing bytes
                arguments("CONNACK trailing byte", Bytes.of(0x20, 4, 0, 0, 0, 9).array(), MALFORMED, "CONNACK: 1 trailing bytes"),
                arguments("PUBACK trailing bytes", Bytes.of(0x40, 6, 0, 1, 0, 0, 9, 9).array(), MALFORMED, "PUBACK: 2 trailing bytes"),
                arguments("DISCONNECT trailing byte", Bytes.of(0xE0, 3, 0, 0, 9).array(), MALFORMED, "DISCONNECT: 1 trailing bytes"),
                arguments("PINGRESP with a body", Bytes.of(0xD0, 1, 0).array(), MALFORMED, "PINGRESP: 1 trailing bytes"),
                arguments("AUTH trailing byte", packet(0xF0, new Bytes().b(0x18).props(new Bytes().b(0x15).str("m")).b(9)), MALFORMED, "AUTH: 1 trailing bytes"),
                // properties
                arguments("Topic Alias twice", publishWith(new Bytes().b(0x23).u16(1).b(0x23).u16(2)), PROTOCOL, "PUBLISH: property Topic Alias (0x23) appears twice"),
                arguments("Reason String twice", connAckWith(new Bytes().b(0x1F).str("a").b(0x1F).str("b")), PROTOCOL, "CONNACK: property Reason String (0x1F) appears twice"),
                arguments("Session Expiry in PUBLISH", publishWith(new Bytes().b(0x11).u32(1)), MALFORMED, "PUBLISH: property Session Expiry Interval (0x11) is not allowed"),
                arguments("Session Expiry in server DISCONNECT", packet(0xE0, Bytes.of(0).props(new Bytes().b(0x11).u32(1))), MALFORMED, "DISCONNECT: property Session Expiry Interval (0x11) is not allowed"),
                arguments("Topic Alias in PUBACK", packet(0x40, Bytes.of(0, 1, 0).props(new Bytes().b(0x23).u16(1))), MALFORMED, "PUBACK: property Topic Alias (0x23) is not allowed"),
                arguments("Will Delay Interval in CONNACK", connAckWith(new Bytes().b(0x18).u32(1)), MALFORMED, "CONNACK: property Will Delay Interval (0x18) is not allowed"),
                arguments("unknown property identifier", connAckWith(new Bytes().b(0x04, 0)), MALFORMED, "CONNACK: unknown property identifier 0x04"),
                arguments("Authentication Data without Method", connAckWith(new Bytes().b(0x16).bin(new byte[1])), PROTOCOL, "CONNACK: property Authentication Data (0x16) without"),
                arguments("AUTH without Authentication Method", packet(0xF0, Bytes.of(0x18).props(new Bytes())), PROTOCOL, "AUTH: property Authentication Method (0x15) is missing"),
                // reason codes
                arguments("CONNACK reason code", Bytes.of(0x20, 3, 0, 0x05, 0).array(), MALFORMED, "CONNACK: invalid reason code 0x05"),
                arguments("MQTT 3.1.1 refusal", Bytes.of(0x20, 2, 0, 0x01).array(), MALFORMED, "CONNACK: invalid reason code 0x01 (an MQTT 3.1.1 refusal: the server may not support MQTT 5)"),
                arguments("PUBACK reason code", Bytes.of(0x40, 3, 0, 1, 0x01).array(), MALFORMED, "PUBACK: invalid reason code 0x01"),
                arguments("PUBREC reason code", Bytes.of(0x50, 3, 0, 1, 0x92).array(), MALFORMED, "PUBREC: invalid reason code 0x92"),
                arguments("PUBREL reason code", Bytes.of(0x62, 3, 0, 1, 0x10).array(), MALFORMED, "PUBREL: invalid reason code 0x10"),
                arguments("PUBCOMP reason code", Bytes.of(0x70, 3, 0, 1, 0x80).array(), MALFORMED, "PUBCOMP: invalid reason code 0x80"),
                arguments("SUBACK reason code", Bytes.of(0x90, 4, 0, 1, 0, 0x03).array(), MALFORMED, "SUBACK: invalid reason code 0x03"),
                arguments("UNSUBACK reason code", Bytes.of(0xB0, 4, 0, 1, 0, 0x01).array(), MALFORMED, "UNSUBACK: invalid reason code 0x01"),
                arguments("DISCONNECT reason code", Bytes.of(0xE0, 1, 0x01).array(), MALFORMED, "DISCONNECT: invalid reason code 0x01"),
                arguments("AUTH reason code", Bytes.of(0xF0, 2, 0x01, 0).array(), MALFORMED, "AUTH: invalid reason code 0x01"),
                arguments("SUBACK without reason codes", Bytes.of(0x90, 3, 0, 1, 0).array(), PROTOCOL, "SUBACK: no reason codes"),
                // UTF-8
                arguments("invalid byte", publishTopic((byte) 0xFF), MALFORMED, "PUBLISH: Topic Name is not well-formed UTF-8: invalid byte 0xff"),
                arguments("overlong two-byte", publishTopic((byte) 0xC0, (byte) 0xAF), MALFORMED, "PUBLISH: Topic Name is not well-formed UTF-8: overlong"),
                arguments("overlong three-byte", publishTopic((byte) 0xE0, (byte) 0x80, (byte) 0xAF), MALFORMED, "Topic Name is not well-formed UTF-8: overlong"),
                arguments("overlong four-byte", publishTopic((byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF), MALFORMED, "Topic Name is not well-formed UTF-8: overlong"),
                arguments("U+0000", publishTopic((byte) 'a', (byte) 0), MALFORMED, "Topic Name is not well-formed UTF-8: contains U+0000 at byte 1"),
                arguments("surrogate U+D800", publishTopic((byte) 0xED, (byte) 0xA0, (byte) 0x80), MALFORMED, "Topic Name is not well-formed UTF-8: surrogate"),
                arguments("surrogate U+DFFF", publishTopic((byte) 0xED, (byte) 0xBF, (byte) 0xBF), MALFORMED, "Topic Name is not well-formed UTF-8: surrogate"),
                arguments("above U+10FFFF", publishTopic((byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80), MALFORMED, "above U+10FFFF"),
                arguments("truncated sequence", publishTopic((byte) 'a', (byte) 0xE2, (byte) 0x82), MALFORMED, "truncated sequence at byte 1"),
                arguments("lone continuation byte", publishTopic((byte) 0x80), MALFORMED, "invalid byte 0x80"),
                arguments("ill-formed Reason String", connAckWith(new Bytes().b(0x1F).u16(1).b(0xC1)), MALFORMED, "CONNACK: property Reason String (0x1F) is not well-formed UTF-8"),
                arguments("ill-formed User Property name", connAckWith(new Bytes().b(0x26).u16(1).b(0).str("v")), MALFORMED, "CONNACK: property User Property (0x26) name is not well-formed UTF-8"),
                // property values
                arguments("Payload Format 2", publishWith(new Bytes().b(0x01, 2)), PROTOCOL, "PUBLISH: property Payload Format Indicator (0x01) must be 0 or 1, was 2"),
                arguments("Maximum QoS 2", connAckWith(new Bytes().b(0x24, 2)), PROTOCOL, "CONNACK: property Maximum QoS (0x24) must be 0 or 1"),
                arguments("Retain Available 2", connAckWith(new Bytes().b(0x25, 2)), PROTOCOL, "CONNACK: property Retain Available (0x25) must be 0 or 1"),
                arguments("Wildcard Subscription Available 2", connAckWith(new Bytes().b(0x28, 2)), PROTOCOL, "Wildcard Subscription Available (0x28) must be 0 or 1"),
                arguments("Subscription Identifier Available 2", connAckWith(new Bytes().b(0x29, 2)), PROTOCOL, "Subscription Identifier Available (0x29) must be 0 or 1"),
                arguments("Shared Subscription Available 2", connAckWith(new Bytes().b(0x2A, 2)), PROTOCOL, "Shared Subscription Available (0x2A) must be 0 or 1"),
                arguments("Receive Maximum 0", connAckWith(new Bytes().b(0x21).u16(0)), PROTOCOL, "CONNACK: property Receive Maximum (0x21) must not be 0"),
                arguments("Maximum Packet Size 0", connAckWith(new Bytes().b(0x27).u32(0)), PROTOCOL, "CONNACK: property Maximum Packet Size (0x27) must not be 0"),
                arguments("Topic Alias 0", publishWith(new Bytes().b(0x23).u16(0)), 0x94, "PUBLISH: property Topic Alias (0x23) must not be 0"),
                arguments("Subscription Identifier 0", publishWith(new Bytes().b(0x0B, 0)), PROTOCOL, "PUBLISH: property Subscription Identifier (0x0B) must not be 0"),
                // topics, packet identifiers, flags, packet types
                arguments("topic with +", packet(0x30, new Bytes().str("a/+").b(0)), PROTOCOL, "PUBLISH: Topic Name 'a/+' contains a wildcard"),
                arguments("topic with #", packet(0x30, new Bytes().str("#").b(0)), PROTOCOL, "PUBLISH: Topic Name '#' contains a wildcard"),
                arguments("empty topic without alias", packet(0x30, new Bytes().str("").b(0)), PROTOCOL, "PUBLISH: empty Topic Name without a Topic Alias"),
                arguments("PUBLISH packet id 0", packet(0x32, new Bytes().str("t").u16(0).b(0)), PROTOCOL, "PUBLISH: Packet Identifier must not be 0"),
                arguments("PUBACK packet id 0", Bytes.of(0x40, 2, 0, 0).array(), PROTOCOL, "PUBACK: Packet Identifier must not be 0"),
                arguments("SUBACK packet id 0", Bytes.of(0x90, 4, 0, 0, 0, 0).array(), PROTOCOL, "SUBACK: Packet Identifier must not be 0"),
                arguments("UNSUBACK packet id 0", Bytes.of(0xB0, 4, 0, 0, 0, 0).array(), PROTOCOL, "UNSUBACK: Packet Identifier must not be 0"),
                arguments("CONNACK reserved flag bits", Bytes.of(0x20, 3, 0x02, 0, 0).array(), MALFORMED, "CONNACK: Connect Acknowledge Flags 0x02 has reserved bits set"),
                arguments("Session Present on refusal", Bytes.of(0x20, 3, 0x01, 0x80, 0).array(), PROTOCOL, "CONNACK: Session Present set with reason code"),
                arguments("CONNECT from a server", Bytes.of(0x10, 0).array(), PROTOCOL, "CONNECT: a server must not send this packet type"),
                arguments("SUBSCRIBE from a server", Bytes.of(0x82, 0).array(), PROTOCOL, "SUBSCRIBE: a server must not send"),
                arguments("UNSUBSCRIBE from a server", Bytes.of(0xA2, 0).array(), PROTOCOL, "UNSUBSCRIBE: a server must not send"),
                arguments("PINGREQ from a server", Bytes.of(0xC0, 0).array(), PROTOCOL, "PINGREQ: a server must not send"),
                arguments("reserved packet type 0", Bytes.of(0x00, 0).array(), MALFORMED, "reserved packet type 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    @Covers({"MQTT-1.5.4-1", "MQTT-1.5.4-2", "MQTT-1.5.7-1", "MQTT-2.1.3-1", "MQTT-3.3.1-4", "MQTT-3.6.1-1"})
    void rejectsTheViolationWithTheSpecifiedReasonCodeAndAMessageNamingTheField(String name, byte[] bytes,
            int reasonCode, String message) {
        MqttProtocolException e = Wire.decodeFailure(bytes);
        assertThat(e.getMessage()).contains(message);
        assertThat(e.reasonCode().code()).as(e.getMessage()).isEqualTo(reasonCode);
    }

    @Test
    void rejectsAPacketOverTheMaximumPacketSizeFromItsHeaderAloneWithoutBufferingTheBody() {
        AtomicInteger largestAllocation = new AtomicInteger();
        EmbeddedChannel channel = new EmbeddedChannel(new Mqtt5Decoder(1024));
        channel.config().setAllocator(new AbstractByteBufAllocator(false) {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                largestAllocation.accumulateAndGet(initialCapacity, Math::max);
                return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                return newHeapBuffer(initialCapacity, maxCapacity);
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        });
        // 0xFF 0xFF 0xFF 0x7F announces 268435455 bytes (256 MiB - 1, the most MQTT allows); the header arrives in two pieces
        // so that the decoder has to cumulate, then ten bytes of body follow.
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x30, (byte) 0xFF, (byte) 0xFF}));
        assertThat((Object) channel.readInbound()).isNull();
        MqttProtocolException e = Wire.decodeFailure(channel, Bytes.of(0xFF, 0x7F).raw(new byte[10]).array());
        assertThat(e.reasonCode()).isEqualTo(DisconnectReasonCode.PACKET_TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo(
                "PUBLISH: packet size 268435460 exceeds the client's Maximum Packet Size 1024");
        assertThat(largestAllocation.get()).as("largest buffer allocated").isLessThan(1024);
    }

    @Test
    void acceptsAPacketExactlyAtTheMaximumPacketSizeAndRejectsOneByteMore() {
        byte[] fits = packet(0x30, new Bytes().str("t").b(0).raw(new byte[10])); // 2 + 14 bytes
        EmbeddedChannel channel = new EmbeddedChannel(new Mqtt5Decoder(fits.length));
        channel.writeInbound(Unpooled.wrappedBuffer(fits));
        assertThat((Object) channel.readInbound()).isInstanceOf(InboundPublish.class);
        byte[] tooLarge = packet(0x30, new Bytes().str("t").b(0).raw(new byte[11]));
        assertThat(Wire.decodeFailure(channel, tooLarge).reasonCode()).isEqualTo(DisconnectReasonCode.PACKET_TOO_LARGE);
    }

    @Test
    void discardsEverythingAfterTheFirstErrorWithoutASecondException() {
        EmbeddedChannel channel = new EmbeddedChannel(new Mqtt5Decoder(Mqtt5Decoder.NO_LIMIT));
        Wire.decodeFailure(channel, Bytes.of(0x41, 2, 0, 1, 0xD0, 0).array());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xD0, 0x00}));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x00, 0x00, 0x7F}));
        channel.checkException();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void rejectsAnIncompleteTooLongRemainingLengthBeforeTheFifthByteArrives() {
        EmbeddedChannel channel = new EmbeddedChannel(new Mqtt5Decoder(Mqtt5Decoder.NO_LIMIT));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x30, (byte) 0xFF, (byte) 0xFF}));
        assertThat((Object) channel.readInbound()).isNull();
        MqttProtocolException e = Wire.decodeFailure(channel, new byte[] {(byte) 0xFF, (byte) 0xFF});
        assertThat(e.getMessage()).contains("Remaining Length is longer than 4 bytes");
    }
}
