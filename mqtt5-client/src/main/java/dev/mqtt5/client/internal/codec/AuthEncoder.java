package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.packet.AuthPacket;
import io.netty.buffer.ByteBuf;

/**
 * Encodes AUTH (MQTT 5.0 section 3.15): nothing for SUCCESS without properties, otherwise the reason code and the
 * properties (Authentication Method, Authentication Data, Reason String, User Properties).
 */
final class AuthEncoder implements OutboundPacket {

    private static final String PACKET = "AUTH";

    private final AuthPacket packet;
    private final ReasonProperties reasonProperties;
    private final int methodLength;
    private final int propertyLength;
    private final int remainingLength;
    private final int encodedSize;

    AuthEncoder(AuthPacket packet) {
        this.packet = packet;
        reasonProperties = new ReasonProperties(PACKET, packet.reasonString(), packet.userProperties());
        methodLength = packet.authenticationMethod() == null ? 0
                : MqttStrings.encodedLength("AUTH Authentication Method", packet.authenticationMethod());
        int length = reasonProperties.length;
        if (packet.authenticationMethod() != null) {
            length += PropertyWriter.stringSize(methodLength);
        }
        if (packet.authenticationData() != null) {
            length += 3 + MqttStrings.binaryLength("AUTH Authentication Data", packet.authenticationData());
        }
        propertyLength = length;
        long remaining = propertyLength == 0 && packet.reasonCode().code() == 0
                ? 0 : 1L + PropertyWriter.blockSize(propertyLength);
        encodedSize = PropertyWriter.packetSize(PACKET, remaining);
        remainingLength = (int) remaining;
    }

    @Override
    public int encodedSize() {
        return encodedSize;
    }

    @Override
    public void writeTo(ByteBuf out, int packetId, boolean dup) {
        PropertyWriter.writeFixedHeader(out, 0xF0, remainingLength);
        if (remainingLength == 0) {
            return;
        }
        out.writeByte(packet.reasonCode().code());
        VariableByteInteger.write(out, propertyLength);
        PropertyWriter.writeString(out, Property.AUTHENTICATION_METHOD, packet.authenticationMethod(), methodLength);
        PropertyWriter.writeBinary(out, Property.AUTHENTICATION_DATA, packet.authenticationData());
        reasonProperties.writeTo(out);
    }
}
