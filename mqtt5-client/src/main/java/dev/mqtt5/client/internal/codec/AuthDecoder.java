package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.internal.codec.PropertyReader.InboundProperties;
import dev.mqtt5.client.packet.AuthPacket;
import dev.mqtt5.client.packet.AuthReasonCode;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Decodes AUTH (MQTT 5.0 section 3.15): remaining length 0 means SUCCESS without properties; otherwise a reason
 * code and properties, among which the Authentication Method is required.
 */
final class AuthDecoder implements PacketDecoder {

    static final AuthDecoder INSTANCE = new AuthDecoder();
    private static final String PACKET = "AUTH";
    private static final AuthPacket SUCCESS = new AuthPacket(AuthReasonCode.SUCCESS, null, null, null, List.of());

    private AuthDecoder() {
    }

    @Override
    public Object decode(ByteBuf body, int flags) {
        if (!body.isReadable()) {
            return SUCCESS;
        }
        AuthReasonCode reasonCode = AckDecoder.readReasonCode(body, PACKET, AuthReasonCode::fromCode);
        InboundProperties p = PropertyReader.read(body, PACKET, Property.IN_AUTH);
        WireReader.requireFullyRead(body, PACKET);
        if (p.authenticationMethod == null) {
            throw MqttProtocolException.protocolError(
                    PACKET + ": property " + Property.AUTHENTICATION_METHOD + " is missing");
        }
        return new AuthPacket(reasonCode, p.authenticationMethod, p.authenticationData, p.reasonString,
                p.userProperties);
    }
}
