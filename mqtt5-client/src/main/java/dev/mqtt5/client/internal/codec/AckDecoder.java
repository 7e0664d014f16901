package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.internal.codec.PropertyReader.InboundProperties;
import dev.mqtt5.client.packet.PubAckPacket;
import dev.mqtt5.client.packet.PubAckReasonCode;
import dev.mqtt5.client.packet.PubCompPacket;
import dev.mqtt5.client.packet.PubCompReasonCode;
import dev.mqtt5.client.packet.PubRecPacket;
import dev.mqtt5.client.packet.PubRecReasonCode;
import dev.mqtt5.client.packet.PubRelPacket;
import dev.mqtt5.client.packet.PubRelReasonCode;
import dev.mqtt5.client.packet.ReasonCode;
import dev.mqtt5.client.packet.UserProperty;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Decodes the four publish acknowledgements, which share one layout (MQTT 5.0 sections 3.4 to 3.7): packet
 * identifier, then an optional reason code (SUCCESS when absent), then optional properties.
 *
 * @param <C> the reason-code enum of the packet kind
 * @param <P> the packet record
 */
final class AckDecoder<C extends ReasonCode, P> implements PacketDecoder {

    /** Builds the packet record from its parts. */
    interface Factory<C, P> {
        P create(C reasonCode, String reasonString, List<UserProperty> userProperties);
    }

    static final AckDecoder<PubAckReasonCode, PubAckPacket> PUBACK =
            new AckDecoder<>("PUBACK", PubAckReasonCode::fromCode, PubAckPacket::new);
    static final AckDecoder<PubRecReasonCode, PubRecPacket> PUBREC =
            new AckDecoder<>("PUBREC", PubRecReasonCode::fromCode, PubRecPacket::new);
    static final AckDecoder<PubRelReasonCode, PubRelPacket> PUBREL =
            new AckDecoder<>("PUBREL", PubRelReasonCode::fromCode, PubRelPacket::new);
    static final AckDecoder<PubCompReasonCode, PubCompPacket> PUBCOMP =
            new AckDecoder<>("PUBCOMP", PubCompReasonCode::fromCode, PubCompPacket::new);

    private final String packet;
    private final IntFunction<C> reasonCodes;
    private final Factory<C, P> factory;
    /** The packet for the common remaining-length-2 form, built once. */
    private final P success;

    private AckDecoder(String packet, IntFunction<C> reasonCodes, Factory<C, P> factory) {
        this.packet = packet;
        this.reasonCodes = reasonCodes;
        this.factory = factory;
        this.success = factory.create(reasonCodes.apply(0), null, List.of());
    }

    @Override
    public Object decode(ByteBuf body, int flags) {
        int packetId = WireReader.readPacketId(body, packet);
        if (!body.isReadable()) {
            return new InboundAck<>(packetId, success);
        }
        C reasonCode = readReasonCode(body, packet, reasonCodes);
        if (!body.isReadable()) {
            return new InboundAck<>(packetId, factory.create(reasonCode, null, List.of()));
        }
        InboundProperties p = PropertyReader.read(body, packet, Property.IN_ACK);
        WireReader.requireFullyRead(body, packet);
        return new InboundAck<>(packetId, factory.create(reasonCode, p.reasonString, p.userProperties));
    }

    /** Reads one reason code byte and maps it, rejecting codes the packet kind does not define. */
    static <C> C readReasonCode(ByteBuf body, String packet, IntFunction<C> reasonCodes) {
        int code = WireReader.readUnsignedByte(body, packet, "Reason Code");
        C reasonCode = reasonCodes.apply(code);
        if (reasonCode == null) {
            throw MqttProtocolException.malformed(String.format("%s: invalid reason code 0x%02X", packet, code));
        }
        return reasonCode;
    }
}
