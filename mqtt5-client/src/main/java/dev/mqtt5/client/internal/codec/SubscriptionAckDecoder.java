package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.internal.codec.PropertyReader.InboundProperties;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubAckReasonCode;
import dev.mqtt5.client.packet.UnsubAckPacket;
import dev.mqtt5.client.packet.UnsubAckReasonCode;
import dev.mqtt5.client.packet.UserProperty;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Decodes SUBACK and UNSUBACK, which share one layout (MQTT 5.0 sections 3.9 and 3.11): packet identifier,
 * properties, then one reason code per topic filter of the request.
 */
final class SubscriptionAckDecoder<C, P> implements PacketDecoder {

    /** Builds the packet record from its parts. */
    interface Factory<C, P> {
        P create(List<C> reasonCodes, String reasonString, List<UserProperty> userProperties);
    }

    static final SubscriptionAckDecoder<SubAckReasonCode, SubAckPacket> SUBACK =
            new SubscriptionAckDecoder<>("SUBACK", SubAckReasonCode::fromCode, SubAckPacket::new);
    static final SubscriptionAckDecoder<UnsubAckReasonCode, UnsubAckPacket> UNSUBACK =
            new SubscriptionAckDecoder<>("UNSUBACK", UnsubAckReasonCode::fromCode, UnsubAckPacket::new);

    private final String packet;
    private final IntFunction<C> reasonCodes;
    private final Factory<C, P> factory;

    private SubscriptionAckDecoder(String packet, IntFunction<C> reasonCodes, Factory<C, P> factory) {
        this.packet = packet;
        this.reasonCodes = reasonCodes;
        this.factory = factory;
    }

    @Override
    public Object decode(ByteBuf body, int flags) {
        int packetId = WireReader.readPacketId(body, packet);
        InboundProperties p = PropertyReader.read(body, packet, Property.IN_ACK);
        if (!body.isReadable()) {
            // A request carries at least one topic filter, so its answer carries at least one reason code.
            throw MqttProtocolException.protocolError(packet + ": no reason codes in the payload");
        }
        List<C> codes = new ArrayList<>(body.readableBytes());
        while (body.isReadable()) {
            codes.add(AckDecoder.readReasonCode(body, packet, reasonCodes));
        }
        return new InboundAck<>(packetId, factory.create(codes, p.reasonString, p.userProperties));
    }
}
