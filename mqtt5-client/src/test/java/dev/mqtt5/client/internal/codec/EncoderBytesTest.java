package dev.mqtt5.client.internal.codec;

import static dev.mqtt5.client.internal.codec.Bytes.packet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.conformance.Covers;
import dev.mqtt5.client.packet.AuthPacket;
import dev.mqtt5.client.packet.AuthReasonCode;
import dev.mqtt5.client.packet.ConnectPacket;
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
import dev.mqtt5.client.packet.RetainHandling;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.Subscription;
import dev.mqtt5.client.packet.UnsubscribePacket;
import dev.mqtt5.client.packet.UserProperty;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderBytesTest {

    private static final byte[] MQTT5 = {0, 4, 'M', 'Q', 'T', 'T', 5};

    @Test
    @Covers({"MQTT-2.2.2-1", "MQTT-3.1.2-1", "MQTT-3.1.2-11", "MQTT-3.1.2-13", "MQTT-3.1.2-16", "MQTT-3.1.2-18", "MQTT-3.1.3-3"})
    void encodesAMinimalConnectWithCleanStart() {
        ConnectPacket connect = ConnectPacket.builder().clientId("c").keepAlive(Duration.ofSeconds(60)).build();
        assertThat(Wire.encode(PacketEncoders.connect(connect, true))).isEqualTo(new byte[] {
            0x10, 14, 0, 4, 'M', 'Q', 'T', 'T', 5, 0b0000_0010, 0, 60, 0, 0, 1, 'c'});
    }

    @Test
    @Covers({"MQTT-3.1.2-9", "MQTT-3.1.2-12", "MQTT-3.1.2-17", "MQTT-3.1.2-19", "MQTT-3.1.3-1", "MQTT-3.1.3-3"})
    void encodesConnectWithEveryPropertyAWillUserNameAndPassword() {
        PublishPacket will = PublishPacket.builder().topic("last/will").payload(new byte[] {1, 2}).qos(QoS.AT_LEAST_ONCE)
                .retain(true).payloadFormat(PayloadFormat.BYTES).messageExpiryInterval(Duration.ofSeconds(100))
                .contentType("bin").responseTopic("resp").correlationData(new byte[] {5}).userProperty("w", "1")
                .build();
        ConnectPacket connect = ConnectPacket.builder().clientId("dev-1").keepAlive(Duration.ofSeconds(30))
                .username("user").password(new byte[] {'p', 'w'}).sessionExpiryInterval(Duration.ofSeconds(7200))
                .receiveMaximum(100).maximumPacketSize(65536L).topicAliasMaximum(8).requestResponseInformation(true)
                .requestProblemInformation(false).userProperty("a", "b").authenticationMethod("SCRAM")
                .authenticationData(new byte[] {9}).will(will).willDelayInterval(Duration.ofSeconds(5)).build();
        byte[] expected = packet(0x10, new Bytes().raw(MQTT5)
                .b(0b1110_1100) // user name, password, will retain, will QoS 1, will flag; no clean start
                .u16(30)
                .props(new Bytes()
                        .b(0x11).u32(7200)
                        .b(0x21).u16(100)
                        .b(0x27).u32(65536)
                        .b(0x22).u16(8)
                        .b(0x19, 1)
                        .b(0x17, 0)
                        .b(0x26).str("a").str("b")
                        .b(0x15).str("SCRAM")
                        .b(0x16).bin(new byte[] {9}))
                .str("dev-1")
                .props(new Bytes()
                        .b(0x18).u32(5)
                        .b(0x01, 0)
                        .b(0x02).u32(100)
                        .b(0x03).str("bin")
                        .b(0x08).str("resp")
                        .b(0x09).bin(new byte[] {5})
                        .b(0x26).str("w").str("1"))
                .str("last/will")
                .bin(new byte[] {1, 2})
                .str("user")
                .bin(new byte[] {'p', 'w'}));
        OutboundPacket encoded = PacketEncoders.connect(connect, false);
        assertThat(Wire.encode(encoded)).isEqualTo(expected);
        assertThat(encoded.encodedSize()).isEqualTo(expected.length);
    }

    @Test
    @Covers({"MQTT-3.3.2-1", "MQTT-3.3.4-6"})
    void encodesPublishWithEveryClientPropertyAndLeavesOutSubscriptionIdentifiers() {
        PublishPacket publish = PublishPacket.builder().topic("a/b").payload(new byte[] {'h', 'i'})
                .qos(QoS.AT_LEAST_ONCE).retain(true).payloadFormat(PayloadFormat.UTF8)
                .messageExpiryInterval(Duration.ofSeconds(60)).topicAlias(5).responseTopic("reply/to")
                .correlationData(new byte[] {9, 8}).userProperty("name", "value").userProperty("name", "again")
                .subscriptionIdentifiers(List.of(3, 4)).contentType("text/plain").build();
        byte[] expected = packet(0x3B, new Bytes().str("a/b").u16(7).props(new Bytes()
                .b(0x23).u16(5)
                .b(0x01, 1)
                .b(0x02).u32(60)
                .b(0x03).str("text/plain")
                .b(0x08).str("reply/to")
                .b(0x09).bin(new byte[] {9, 8})
                .b(0x26).str("name").str("value")
                .b(0x26).str("name").str("again")).raw(new byte[] {'h', 'i'}));
        assertThat(Wire.encode(PacketEncoders.publish(publish), 7, true)).isEqualTo(expected);
    }

    @Test
    @Covers({"MQTT-2.2.1-2", "MQTT-2.2.2-1", "MQTT-3.3.1-2", "MQTT-4.3.1-1"})
    void encodesQos0PublishWithoutPacketIdentifierOrDup() {
        PublishPacket publish = PublishPacket.builder().topic("t").payload(new byte[] {1}).build();
        assertThat(Wire.encode(PacketEncoders.publish(publish), 99, false))
                .isEqualTo(new byte[] {0x30, 5, 0, 1, 't', 0, 1});
    }

    @Test
    void encodesAnAliasOnlyPublishWithAnEmptyTopic() {
        PublishPacket publish = PublishPacket.builder().topic("").topicAlias(3).qos(QoS.EXACTLY_ONCE).build();
        assertThat(Wire.encode(PacketEncoders.publish(publish), 0x0102, false))
                .isEqualTo(new byte[] {0x34, 8, 0, 0, 1, 2, 3, 0x23, 0, 3});
    }

    @Test
    @Covers({"MQTT-2.1.3-1", "MQTT-3.4.2-1", "MQTT-3.5.2-1", "MQTT-3.6.1-1", "MQTT-3.6.2-1", "MQTT-3.7.2-1"})
    void encodesPublishAcknowledgementsInTheShortestLegalForm() {
        assertThat(Wire.encode(PacketEncoders.pubAck(PubAckPacket.of(PubAckReasonCode.SUCCESS)), 1, false))
                .isEqualTo(new byte[] {0x40, 2, 0, 1});
        assertThat(Wire.encode(PacketEncoders.pubRec(new PubRecPacket(PubRecReasonCode.QUOTA_EXCEEDED, null,
                List.of())), 2, false)).isEqualTo(new byte[] {0x50, 3, 0, 2, (byte) 0x97});
        assertThat(Wire.encode(PacketEncoders.pubRel(PubRelPacket.of(PubRelReasonCode.SUCCESS)), 3, false))
                .isEqualTo(new byte[] {0x62, 2, 0, 3});
        assertThat(Wire.encode(PacketEncoders.pubComp(new PubCompPacket(PubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND,
                "no such id", List.of(UserProperty.of("k", "v")))), 4, false))
                .isEqualTo(packet(0x70, new Bytes().u16(4).b(0x92)
                        .props(new Bytes().b(0x1F).str("no such id").b(0x26).str("k").str("v"))));
        assertThat(Wire.encode(PacketEncoders.pubAck(new PubAckPacket(PubAckReasonCode.SUCCESS, "fine", List.of())),
                5, false)).isEqualTo(packet(0x40, new Bytes().u16(5).b(0).props(new Bytes().b(0x1F).str("fine"))));
    }

    @Test
    @Covers({"MQTT-2.1.3-1", "MQTT-3.8.1-1"})
    void encodesSubscribeWithEverySubscriptionOption() {
        SubscribePacket subscribe = SubscribePacket.builder()
                .subscription(Subscription.of("a/+", QoS.AT_MOST_ONCE))
                .subscription(Subscription.builder("b/#").qos(QoS.EXACTLY_ONCE).noLocal(true).retainAsPublished(true)
                        .retainHandling(RetainHandling.DONT_SEND).build())
                .subscription(Subscription.builder("$share/g/c").qos(QoS.AT_LEAST_ONCE)
                        .retainHandling(RetainHandling.SEND_ON_SUBSCRIBE_IF_NEW).build())
                .subscriptionIdentifier(300).userProperty("u", "v").build();
        byte[] expected = packet(0x82, new Bytes().u16(10)
                .props(new Bytes().b(0x0B).vbi(300).b(0x26).str("u").str("v"))
                .str("a/+").b(0b00_0_0_00)
                .str("b/#").b(0b10_1_1_10)
                .str("$share/g/c").b(0b01_0_0_01));
        assertThat(Wire.encode(PacketEncoders.subscribe(subscribe), 10, false)).isEqualTo(expected);
    }

    @Test
    @Covers({"MQTT-2.1.3-1", "MQTT-3.10.1-1"})
    void encodesUnsubscribe() {
        UnsubscribePacket unsubscribe = new UnsubscribePacket(List.of("a/+", "b"), List.of(UserProperty.of("k", "v")));
        assertThat(Wire.encode(PacketEncoders.unsubscribe(unsubscribe), 0xFFFF, false)).isEqualTo(packet(0xA2,
                new Bytes().u16(0xFFFF).props(new Bytes().b(0x26).str("k").str("v")).str("a/+").str("b")));
    }

    @Test
    @Covers({"MQTT-2.1.3-1", "MQTT-3.14.1-1", "MQTT-3.14.2-1"})
    void encodesDisconnectInItsThreeForms() {
        assertThat(Wire.encode(PacketEncoders.disconnect(DisconnectPacket.normal())))
                .isEqualTo(new byte[] {(byte) 0xE0, 0});
        assertThat(Wire.encode(PacketEncoders.disconnect(
                DisconnectPacket.of(DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE, null))))
                .isEqualTo(new byte[] {(byte) 0xE0, 1, 4});
        DisconnectPacket full = DisconnectPacket.builder().reasonCode(DisconnectReasonCode.NORMAL_DISCONNECTION)
                .sessionExpiryInterval(Duration.ZERO).reasonString("bye").userProperty("k", "v")
                .serverReference("other").build();
        assertThat(Wire.encode(PacketEncoders.disconnect(full))).isEqualTo(packet(0xE0, new Bytes().b(0).props(
                new Bytes().b(0x11).u32(0).b(0x1F).str("bye").b(0x26).str("k").str("v").b(0x1C).str("other"))));
    }

    @Test
    @Covers("MQTT-3.15.1-1")
    void encodesAuthInItsShortAndFullForms() {
        assertThat(Wire.encode(PacketEncoders.auth(new AuthPacket(AuthReasonCode.SUCCESS, null, null, null, List.of()))))
                .isEqualTo(new byte[] {(byte) 0xF0, 0});
        AuthPacket auth = new AuthPacket(AuthReasonCode.RE_AUTHENTICATE, "SCRAM", new byte[] {1, 2}, "again",
                List.of(UserProperty.of("k", "v")));
        assertThat(Wire.encode(PacketEncoders.auth(auth))).isEqualTo(packet(0xF0, new Bytes().b(0x19).props(
                new Bytes().b(0x15).str("SCRAM").b(0x16).bin(new byte[] {1, 2}).b(0x1F).str("again")
                        .b(0x26).str("k").str("v"))));
    }

    @Test
    @Covers("MQTT-2.1.3-1")
    void encodesPingReq() {
        assertThat(Wire.encode(PacketEncoders.PINGREQ)).isEqualTo(new byte[] {(byte) 0xC0, 0});
    }

    @Test
    @Covers({"MQTT-3.4.2-2", "MQTT-3.4.2-3", "MQTT-3.5.2-2", "MQTT-3.6.2-2", "MQTT-3.7.2-2"})
    void fitsAnAckIntoTheServersMaximumPacketSizeByDroppingReasonStringThenUserProperties() {
        PubAckPacket ack = new PubAckPacket(PubAckReasonCode.NOT_AUTHORIZED, "a long reason",
                List.of(UserProperty.of("k", "v")));
        int full = PacketEncoders.pubAck(ack).encodedSize(); // 2 + 2 + 1 + 1 + 16 + 7
        assertThat(full).isEqualTo(29);
        assertThat(PacketEncoders.pubAck(ack, full).encodedSize()).isEqualTo(full);
        assertThat(Wire.encode(PacketEncoders.pubAck(ack, full - 1), 1, false)).isEqualTo(
                packet(0x40, new Bytes().u16(1).b(0x87).props(new Bytes().b(0x26).str("k").str("v"))));
        assertThat(Wire.encode(PacketEncoders.pubAck(ack, 12), 1, false)).isEqualTo(new byte[] {0x40, 3, 0, 1, (byte) 0x87});
        assertThat(PacketEncoders.pubAck(ack, 4)).isNull();
        assertThat(PacketEncoders.pubRec(new PubRecPacket(PubRecReasonCode.SUCCESS, "r", List.of()), 4).encodedSize())
                .isEqualTo(4);
        assertThat(PacketEncoders.pubRel(new PubRelPacket(PubRelReasonCode.SUCCESS, "r", List.of()), 4).encodedSize())
                .isEqualTo(4);
        assertThat(PacketEncoders.pubComp(new PubCompPacket(PubCompReasonCode.SUCCESS, "r", List.of()), 4)
                .encodedSize()).isEqualTo(4);
    }

    @Test
    @Covers({"MQTT-3.14.2-3", "MQTT-3.14.2-4", "MQTT-3.15.2-2", "MQTT-3.15.2-3"})
    void fitsDisconnectAndAuthButKeepsTheirOtherProperties() {
        DisconnectPacket disconnect = DisconnectPacket.builder().reasonCode(DisconnectReasonCode.SERVER_BUSY)
                .reasonString("busy").userProperty("k", "v").serverReference("s").build();
        assertThat(Wire.encode(PacketEncoders.disconnect(disconnect, 8))).isEqualTo(
                packet(0xE0, new Bytes().b(0x89).props(new Bytes().b(0x1C).str("s"))));
        assertThat(PacketEncoders.disconnect(disconnect, 7)).isNull();
        AuthPacket auth = new AuthPacket(AuthReasonCode.CONTINUE_AUTHENTICATION, "M", null, "why",
                List.of(UserProperty.of("k", "v")));
        assertThat(Wire.encode(PacketEncoders.auth(auth, 8))).isEqualTo(
                packet(0xF0, new Bytes().b(0x18).props(new Bytes().b(0x15).str("M"))));
        assertThat(PacketEncoders.auth(auth, 7)).isNull();
    }

    @Test
    @Covers("MQTT-4.7.3-3")
    void rejectsAStringOrBinaryOver65535BytesNamingTheField() {
        String big = "x".repeat(65_536);
        assertThatThrownBy(() -> PacketEncoders.publish(PublishPacket.builder().topic("t").contentType(big).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PUBLISH Content Type");
        assertThatThrownBy(() -> PacketEncoders.connect(ConnectPacket.builder().password(new byte[65_536]).build(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONNECT Password");
        assertThatThrownBy(() -> PacketEncoders.pubAck(new PubAckPacket(PubAckReasonCode.SUCCESS, null,
                List.of(UserProperty.of("k", big))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PUBACK User Property value");
        assertThatThrownBy(() -> PacketEncoders.subscribe(SubscribePacket.of(big, QoS.AT_MOST_ONCE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SUBSCRIBE topic filter");
    }

    @Test
    void rejectsAPacketOverTheLargestRemainingLength() {
        String name = "n".repeat(65_000);
        // 2000 user properties of ~130 KB each share two strings: about 260 MB on the wire, a few KB in memory.
        List<UserProperty> properties = Collections.nCopies(2000, UserProperty.of(name, name));
        PublishPacket publish = PublishPacket.builder().topic("t").userProperties(properties)
                .payload(new byte[10_000_000]).build();
        assertThatThrownBy(() -> PacketEncoders.publish(publish)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PUBLISH is too large").hasMessageContaining("268435455");
    }
}
