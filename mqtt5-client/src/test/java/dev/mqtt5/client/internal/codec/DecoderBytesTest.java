package dev.mqtt5.client.internal.codec;

import static dev.mqtt5.client.internal.codec.Bytes.packet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.packet.AuthPacket;
import dev.mqtt5.client.packet.AuthReasonCode;
import dev.mqtt5.client.packet.ConnAckPacket;
import dev.mqtt5.client.packet.ConnectReasonCode;
import dev.mqtt5.client.packet.DisconnectPacket;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import dev.mqtt5.client.packet.PayloadFormat;
import dev.mqtt5.client.packet.PubAckPacket;
import dev.mqtt5.client.packet.PubAckReasonCode;
import dev.mqtt5.client.packet.PubCompPacket;
import dev.mqtt5.client.packet.PubCompReasonCode;
import dev.mqtt5.client.packet.PubRecPacket;
import dev.mqtt5.client.packet.PubRecReasonCode;
import dev.mqtt5.client.packet.PubRelPacket;
import dev.mqtt5.client.packet.PubRelReasonCode;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubAckReasonCode;
import dev.mqtt5.client.packet.UnsubAckPacket;
import dev.mqtt5.client.packet.UnsubAckReasonCode;
import dev.mqtt5.client.packet.UserProperty;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecoderBytesTest {

    static final byte[] CONNACK_ALL_PROPERTIES = packet(0x20, Bytes.of(0x01, 0x00).props(new Bytes()
            .b(0x11).u32(3600)
            .b(0x21).u16(20)
            .b(0x24, 1)
            .b(0x25, 0)
            .b(0x27).u32(1024)
            .b(0x12).str("assigned-id")
            .b(0x22).u16(10)
            .b(0x1F).str("welcome")
            .b(0x26).str("k").str("v")
            .b(0x26).str("k").str("v2")
            .b(0x28, 1)
            .b(0x29, 0)
            .b(0x2A, 1)
            .b(0x13).u16(30)
            .b(0x1A).str("resp/info")
            .b(0x1C).str("other:1883")
            .b(0x15).str("SCRAM-SHA-1")
            .b(0x16).bin(new byte[] {1, 2, 3})));

    static final byte[] PUBLISH_ALL_PROPERTIES = packet(0x3B, new Bytes().str("a/b").u16(7).props(new Bytes()
            .b(0x01, 1)
            .b(0x02).u32(60)
            .b(0x23).u16(5)
            .b(0x08).str("reply/to")
            .b(0x09).bin(new byte[] {9, 8})
            .b(0x26).str("name").str("value")
            .b(0x0B).vbi(1)
            .b(0x0B).vbi(200)
            .b(0x03).str("text/plain")).raw(Bytes.utf8("hi")));

    @Test
    void decodesConnAckWithEveryProperty() {
        ConnAckPacket connAck = (ConnAckPacket) Wire.decode(CONNACK_ALL_PROPERTIES);
        assertThat(connAck).isEqualTo(ConnAckPacket.builder()
                .sessionPresent(true).reasonCode(ConnectReasonCode.SUCCESS)
                .sessionExpiryInterval(Duration.ofHours(1)).receiveMaximum(20).maximumQos(QoS.AT_LEAST_ONCE)
                .retainAvailable(false).maximumPacketSize(1024L).assignedClientIdentifier("assigned-id")
                .topicAliasMaximum(10).reasonString("welcome").userProperty("k", "v").userProperty("k", "v2")
                .wildcardSubscriptionsAvailable(true).subscriptionIdentifiersAvailable(false)
                .sharedSubscriptionsAvailable(true).serverKeepAlive(Duration.ofSeconds(30))
                .responseInformation("resp/info").serverReference("other:1883").authenticationMethod("SCRAM-SHA-1")
                .authenticationData(new byte[] {1, 2, 3}).build());
    }

    @Test
    void decodesMinimalRefusedConnAckWithAbsentPropertiesAsNull() {
        ConnAckPacket connAck = (ConnAckPacket) Wire.decode(new byte[] {0x20, 0x03, 0x00, (byte) 0x87, 0x00});
        assertThat(connAck).isEqualTo(ConnAckPacket.builder().reasonCode(ConnectReasonCode.NOT_AUTHORIZED).build());
        assertThat(connAck.receiveMaximum()).isNull();
        assertThat(connAck.maximumQos()).isNull();
    }

    @Test
    void decodesPublishWithEveryPropertyDupAndRetain() {
        InboundPublish inbound = (InboundPublish) Wire.decode(PUBLISH_ALL_PROPERTIES);
        assertThat(inbound.packetId()).isEqualTo(7);
        assertThat(inbound.dup()).isTrue();
        assertThat(inbound.publish()).isEqualTo(PublishPacket.builder().topic("a/b").payload(Bytes.utf8("hi"))
                .qos(QoS.AT_LEAST_ONCE).retain(true).payloadFormat(PayloadFormat.UTF8)
                .messageExpiryInterval(Duration.ofMinutes(1)).topicAlias(5).responseTopic("reply/to")
                .correlationData(new byte[] {9, 8}).userProperty("name", "value")
                .subscriptionIdentifiers(List.of(1, 200)).contentType("text/plain").duplicate(true).build());
    }

    @Test
    void decodesQos0PublishWithoutPacketIdentifierAndEmptyPayload() {
        InboundPublish inbound = (InboundPublish) Wire.decode(new byte[] {0x30, 0x04, 0x00, 0x01, 't', 0x00});
        assertThat(inbound.packetId()).isZero();
        assertThat(inbound.dup()).isFalse();
        assertThat(inbound.publish()).isEqualTo(PublishPacket.builder().topic("t").build());
    }

    @Test
    void decodesAliasOnlyQos2PublishWithEmptyTopic() {
        InboundPublish inbound = (InboundPublish) Wire.decode(
                packet(0x34, new Bytes().str("").u16(0xFFFF).props(new Bytes().b(0x23).u16(3)).b('x')));
        assertThat(inbound.packetId()).isEqualTo(0xFFFF);
        assertThat(inbound.publish().topic()).isEmpty();
        assertThat(inbound.publish().topicAlias()).isEqualTo(3);
        assertThat(inbound.publish().qos()).isEqualTo(QoS.EXACTLY_ONCE);
        assertThat(inbound.publish().payload()).containsExactly('x');
    }

    @Test
    void decodesEachPublishAcknowledgementInItsThreeForms() {
        assertThat(Wire.decode(new byte[] {0x40, 0x02, 0x00, 0x01}))
                .isEqualTo(new InboundAck<>(1, PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        assertThat(Wire.decode(new byte[] {0x50, 0x03, 0x00, 0x02, 0x10}))
                .isEqualTo(new InboundAck<>(2, new PubRecPacket(PubRecReasonCode.NO_MATCHING_SUBSCRIBERS, null, List.of())));
        assertThat(Wire.decode(packet(0x62, new Bytes().u16(3).b(0x92)
                .props(new Bytes().b(0x1F).str("gone").b(0x26).str("a").str("b")))))
                .isEqualTo(new InboundAck<>(3, new PubRelPacket(PubRelReasonCode.PACKET_IDENTIFIER_NOT_FOUND, "gone",
                        List.of(UserProperty.of("a", "b")))));
        assertThat(Wire.decode(new byte[] {0x70, 0x04, 0x00, 0x04, 0x00, 0x00}))
                .isEqualTo(new InboundAck<>(4, new PubCompPacket(PubCompReasonCode.SUCCESS, null, List.of())));
    }

    @Test
    void decodesSubAckWithPropertiesAndOneCodePerFilter() {
        Object decoded = Wire.decode(packet(0x90, new Bytes().u16(10)
                .props(new Bytes().b(0x1F).str("partly").b(0x26).str("x").str("y")).b(0x00, 0x01, 0x02, 0x80, 0xA2)));
        assertThat(decoded).isEqualTo(new InboundAck<>(10, new SubAckPacket(List.of(SubAckReasonCode.GRANTED_QOS_0,
                SubAckReasonCode.GRANTED_QOS_1, SubAckReasonCode.GRANTED_QOS_2, SubAckReasonCode.UNSPECIFIED_ERROR,
                SubAckReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED), "partly", List.of(UserProperty.of("x", "y")))));
    }

    @Test
    void decodesUnsubAck() {
        Object decoded = Wire.decode(new byte[] {(byte) 0xB0, 0x05, 0x00, 0x0B, 0x00, 0x00, 0x11});
        assertThat(decoded).isEqualTo(new InboundAck<>(11, new UnsubAckPacket(
                List.of(UnsubAckReasonCode.SUCCESS, UnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED), null, List.of())));
    }

    @Test
    void decodesPingResp() {
        assertThat(Wire.decode(new byte[] {(byte) 0xD0, 0x00})).isSameAs(PingResp.INSTANCE);
    }

    @Test
    void decodesDisconnectInItsThreeForms() {
        assertThat(Wire.decode(new byte[] {(byte) 0xE0, 0x00})).isEqualTo(DisconnectPacket.normal());
        assertThat(Wire.decode(new byte[] {(byte) 0xE0, 0x01, (byte) 0x8E}))
                .isEqualTo(DisconnectPacket.of(DisconnectReasonCode.SESSION_TAKEN_OVER, null));
        assertThat(Wire.decode(packet(0xE0, new Bytes().b(0x9C).props(new Bytes()
                .b(0x1F).str("moving").b(0x26).str("a").str("b").b(0x1C).str("other:8883")))))
                .isEqualTo(new DisconnectPacket(DisconnectReasonCode.USE_ANOTHER_SERVER, null, "moving",
                        List.of(UserProperty.of("a", "b")), "other:8883"));
    }

    @Test
    void decodesAuthInItsTwoForms() {
        assertThat(Wire.decode(new byte[] {(byte) 0xF0, 0x00}))
                .isEqualTo(new AuthPacket(AuthReasonCode.SUCCESS, null, null, null, List.of()));
        assertThat(Wire.decode(packet(0xF0, new Bytes().b(0x18).props(new Bytes()
                .b(0x15).str("SCRAM").b(0x16).bin(new byte[] {7}).b(0x1F).str("more").b(0x26).str("a").str("b")))))
                .isEqualTo(new AuthPacket(AuthReasonCode.CONTINUE_AUTHENTICATION, "SCRAM", new byte[] {7}, "more",
                        List.of(UserProperty.of("a", "b"))));
    }

    @Test
    void decodesTheSamePacketsWhenBytesArriveOneAtATimeOrAllTogether() {
        byte[] stream = new Bytes().raw(CONNACK_ALL_PROPERTIES).raw(PUBLISH_ALL_PROPERTIES).b(0xD0, 0x00).array();
        EmbeddedChannel oneByOne = new EmbeddedChannel(new Mqtt5Decoder(Mqtt5Decoder.NO_LIMIT));
        for (byte b : stream) {
            oneByOne.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        EmbeddedChannel together = new EmbeddedChannel(new Mqtt5Decoder(Mqtt5Decoder.NO_LIMIT));
        together.writeInbound(Unpooled.wrappedBuffer(stream));
        List<Object> a = drain(oneByOne);
        assertThat(a).hasSize(3).isEqualTo(drain(together));
        assertThat(a.get(2)).isSameAs(PingResp.INSTANCE);
    }

    @Test
    void decodesARemainingLengthOfTwoBytes() {
        byte[] payload = new byte[300];
        payload[299] = 42;
        InboundPublish inbound = (InboundPublish) Wire.decode(packet(0x30, new Bytes().str("t").b(0).raw(payload)));
        assertThat(inbound.publish().payload()).isEqualTo(payload);
    }

    private static List<Object> drain(EmbeddedChannel channel) {
        List<Object> out = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) {
            out.add(o);
        }
        return out;
    }
}
