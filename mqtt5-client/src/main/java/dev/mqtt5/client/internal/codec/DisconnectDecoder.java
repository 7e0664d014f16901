package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.internal.codec.PropertyReader.InboundProperties;
import dev.mqtt5.client.packet.DisconnectPacket;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import io.netty.buffer.ByteBuf;

/**
 * Decodes a server's DISCONNECT (MQTT 5.0 section 3.14): an optional reason code (0x00 when the remaining length
 * is 0), then optional properties (none when the remaining length is below 2).
 */
final class DisconnectDecoder implements PacketDecoder {

    static final DisconnectDecoder INSTANCE = new DisconnectDecoder();
    private static final String PACKET = "DISCONNECT";

    private DisconnectDecoder() {
    }

    @Override
    public Object decode(ByteBuf body, int flags) {
        if (!body.isReadable()) {
            return DisconnectPacket.normal();
        }
        DisconnectReasonCode reasonCode = AckDecoder.readReasonCode(body, PACKET, DisconnectReasonCode::fromCode);
        if (!body.isReadable()) {
            return DisconnectPacket.of(reasonCode, null);
        }
        InboundProperties p = PropertyReader.read(body, PACKET, Property.IN_SERVER_DISCONNECT);
        WireReader.requireFullyRead(body, PACKET);
        return new DisconnectPacket(reasonCode, null, p.reasonString, p.userProperties, p.serverReference);
    }
}
