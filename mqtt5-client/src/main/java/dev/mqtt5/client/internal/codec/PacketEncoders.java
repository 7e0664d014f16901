package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.packet.AuthPacket;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.DisconnectPacket;
import dev.mqtt5.client.packet.PubAckPacket;
import dev.mqtt5.client.packet.PubCompPacket;
import dev.mqtt5.client.packet.PubRecPacket;
import dev.mqtt5.client.packet.PubRelPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.UnsubscribePacket;
import dev.mqtt5.client.packet.UserProperty;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Turns the public packet records into {@link OutboundPacket}s. Any thread may call these: they only read the
 * immutable record and compute sizes. The input is assumed validated (see {@link MqttStrings} and
 * {@link Topics}); a string or binary value over 65535 bytes, or a packet over 268435455 bytes of remaining
 * length, still fails with an {@link IllegalArgumentException} naming the field.
 */
public final class PacketEncoders {

    /** PINGREQ: two bytes, always the same. */
    public static final OutboundPacket PINGREQ = new OutboundPacket() {
        @Override
        public int encodedSize() {
            return 2;
        }

        @Override
        public void writeTo(ByteBuf out, int packetId, boolean dup) {
            out.writeByte(0xC0);
            out.writeByte(0);
        }

        @Override
        public String toString() {
            return "PINGREQ";
        }
    };

    private PacketEncoders() {
    }

    /** CONNECT, with the Clean Start flag the session behaviour chose for this attempt. */
    public static OutboundPacket connect(ConnectPacket packet, boolean cleanStart) {
        return new ConnectEncoder(packet, cleanStart);
    }

    /** PUBLISH; an empty topic with a Topic Alias set sends the alias alone. Subscription Identifiers are not sent. */
    public static OutboundPacket publish(PublishPacket packet) {
        return new PublishEncoder(packet, null);
    }

    /** PUBLISH to a topic encoded ahead ({@code topic} is the packet's topic, or null to encode it here). */
    public static OutboundPacket publish(PublishPacket packet, EncodedTopic topic) {
        return new PublishEncoder(packet, topic);
    }

    /** PUBACK: the packet identifier comes from {@link OutboundPacket#writeTo}. */
    public static OutboundPacket pubAck(PubAckPacket p) {
        return new AckEncoder("PUBACK", AckEncoder.PUBACK, p.reasonCode().code(), p.reasonString(), p.userProperties());
    }

    /** PUBREC: the packet identifier comes from {@link OutboundPacket#writeTo}. */
    public static OutboundPacket pubRec(PubRecPacket p) {
        return new AckEncoder("PUBREC", AckEncoder.PUBREC, p.reasonCode().code(), p.reasonString(), p.userProperties());
    }

    /** PUBREL: the packet identifier comes from {@link OutboundPacket#writeTo}. */
    public static OutboundPacket pubRel(PubRelPacket p) {
        return new AckEncoder("PUBREL", AckEncoder.PUBREL, p.reasonCode().code(), p.reasonString(), p.userProperties());
    }

    /** PUBCOMP: the packet identifier comes from {@link OutboundPacket#writeTo}. */
    public static OutboundPacket pubComp(PubCompPacket p) {
        return new AckEncoder("PUBCOMP", AckEncoder.PUBCOMP, p.reasonCode().code(), p.reasonString(),
                p.userProperties());
    }

    /** SUBSCRIBE: the packet identifier comes from {@link OutboundPacket#writeTo}. */
    public static OutboundPacket subscribe(SubscribePacket p) {
        return new SubscribeEncoder(p);
    }

    /** UNSUBSCRIBE: the packet identifier comes from {@link OutboundPacket#writeTo}. */
    public static OutboundPacket unsubscribe(UnsubscribePacket p) {
        return new UnsubscribeEncoder(p);
    }

    /** DISCONNECT, in its shortest legal form. */
    public static OutboundPacket disconnect(DisconnectPacket p) {
        return new DisconnectEncoder(p);
    }

    /** AUTH, in its shortest legal form. */
    public static OutboundPacket auth(AuthPacket p) {
        return new AuthEncoder(p);
    }

    // MQTT 5.0 lets a sender drop the Reason String, then the User Properties, to fit the receiver's Maximum Packet
    // Size (e.g. section 3.4.2.2.2); nothing else may be dropped. These variants return null when even that fails.

    /** PUBACK fitted into {@code maximumPacketSize}, or null. */
    public static OutboundPacket pubAck(PubAckPacket p, long maximumPacketSize) {
        return fit(maximumPacketSize, p.reasonString(), p.userProperties(),
                (reason, user) -> new AckEncoder("PUBACK", AckEncoder.PUBACK, p.reasonCode().code(), reason, user));
    }

    /** PUBREC fitted into {@code maximumPacketSize}, or null. */
    public static OutboundPacket pubRec(PubRecPacket p, long maximumPacketSize) {
        return fit(maximumPacketSize, p.reasonString(), p.userProperties(),
                (reason, user) -> new AckEncoder("PUBREC", AckEncoder.PUBREC, p.reasonCode().code(), reason, user));
    }

    /** PUBREL fitted into {@code maximumPacketSize}, or null. */
    public static OutboundPacket pubRel(PubRelPacket p, long maximumPacketSize) {
        return fit(maximumPacketSize, p.reasonString(), p.userProperties(),
                (reason, user) -> new AckEncoder("PUBREL", AckEncoder.PUBREL, p.reasonCode().code(), reason, user));
    }

    /** PUBCOMP fitted into {@code maximumPacketSize}, or null. */
    public static OutboundPacket pubComp(PubCompPacket p, long maximumPacketSize) {
        return fit(maximumPacketSize, p.reasonString(), p.userProperties(),
                (reason, user) -> new AckEncoder("PUBCOMP", AckEncoder.PUBCOMP, p.reasonCode().code(), reason, user));
    }

    /** DISCONNECT fitted into {@code maximumPacketSize}, or null. */
    public static OutboundPacket disconnect(DisconnectPacket p, long maximumPacketSize) {
        return fit(maximumPacketSize, p.reasonString(), p.userProperties(), (reason, user) -> new DisconnectEncoder(
                new DisconnectPacket(p.reasonCode(), p.sessionExpiryInterval(), reason, user, p.serverReference())));
    }

    /** AUTH fitted into {@code maximumPacketSize}, or null. */
    public static OutboundPacket auth(AuthPacket p, long maximumPacketSize) {
        return fit(maximumPacketSize, p.reasonString(), p.userProperties(), (reason, user) -> new AuthEncoder(
                new AuthPacket(p.reasonCode(), p.authenticationMethod(), p.authenticationData(), reason, user)));
    }

    /** Builds the packet again with fewer optional properties. */
    private interface Reduced {
        OutboundPacket build(String reasonString, List<UserProperty> userProperties);
    }

    private static OutboundPacket fit(long maximumPacketSize, String reasonString, List<UserProperty> userProperties,
            Reduced encoder) {
        OutboundPacket packet = encoder.build(reasonString, userProperties);
        if (packet.encodedSize() <= maximumPacketSize) {
            return packet;
        }
        if (reasonString != null) {
            packet = encoder.build(null, userProperties);
            if (packet.encodedSize() <= maximumPacketSize) {
                return packet;
            }
        }
        if (!userProperties.isEmpty()) {
            packet = encoder.build(null, List.of());
            if (packet.encodedSize() <= maximumPacketSize) {
                return packet;
            }
        }
        return null;
    }
}
