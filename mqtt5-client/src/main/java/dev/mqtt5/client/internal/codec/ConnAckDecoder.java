package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.internal.codec.PropertyReader.InboundProperties;
import dev.mqtt5.client.packet.ConnAckPacket;
import dev.mqtt5.client.packet.ConnectReasonCode;
import dev.mqtt5.client.packet.QoS;
import io.netty.buffer.ByteBuf;
import java.time.Duration;

/** Decodes CONNACK (MQTT 5.0 section 3.2): acknowledge flags, reason code, properties; no payload. */
final class ConnAckDecoder implements PacketDecoder {

    static final ConnAckDecoder INSTANCE = new ConnAckDecoder();
    private static final String PACKET = "CONNACK";

    private ConnAckDecoder() {
    }

    @Override
    public Object decode(ByteBuf body, int flags) {
        int ackFlags = WireReader.readUnsignedByte(body, PACKET, "Connect Acknowledge Flags");
        if ((ackFlags & 0xFE) != 0) {
            throw MqttProtocolException.malformed(String.format(
                    "%s: Connect Acknowledge Flags 0x%02X has reserved bits set", PACKET, ackFlags));
        }
        int code = WireReader.readUnsignedByte(body, PACKET, "Reason Code");
        ConnectReasonCode reasonCode = ConnectReasonCode.fromCode(code);
        if (reasonCode == null) {
            // A broker without MQTT 5 refuses with a 3.1.1 CONNACK (remaining length 2, return code 1 to 5);
            // saying so spares the user a hunt through packet dumps.
            String hint = code <= 5 && !body.isReadable()
                    ? " (an MQTT 3.1.1 refusal: the server may not support MQTT 5)" : "";
            throw MqttProtocolException.malformed(
                    String.format("%s: invalid reason code 0x%02X", PACKET, code) + hint);
        }
        boolean sessionPresent = ackFlags == 1;
        if (sessionPresent && reasonCode != ConnectReasonCode.SUCCESS) {
            // [MQTT-3.2.2-6]: a refused connection cannot have resumed a session.
            throw MqttProtocolException.protocolError(PACKET + ": Session Present set with reason code " + reasonCode);
        }
        InboundProperties p = PropertyReader.read(body, PACKET, Property.IN_CONNACK);
        WireReader.requireFullyRead(body, PACKET);
        p.checkAuthenticationDataHasMethod(PACKET);
        return new ConnAckPacket(sessionPresent, reasonCode, seconds(p.sessionExpiryInterval), p.receiveMaximum,
                p.maximumQos == null ? null : QoS.fromValue(p.maximumQos), flag(p.retainAvailable),
                p.maximumPacketSize, p.assignedClientIdentifier, p.topicAliasMaximum, p.reasonString,
                p.userProperties, flag(p.wildcardSubscriptionAvailable), flag(p.subscriptionIdentifierAvailable),
                flag(p.sharedSubscriptionAvailable),
                p.serverKeepAlive == null ? null : Duration.ofSeconds(p.serverKeepAlive), p.responseInformation,
                p.serverReference, p.authenticationMethod, p.authenticationData);
    }

    static Duration seconds(Long value) {
        return value == null ? null : Duration.ofSeconds(value);
    }

    private static Boolean flag(Integer value) {
        return value == null ? null : value == 1;
    }
}
