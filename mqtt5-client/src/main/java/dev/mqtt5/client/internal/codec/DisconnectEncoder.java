package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.packet.DisconnectPacket;
import io.netty.buffer.ByteBuf;

/**
 * Encodes DISCONNECT (MQTT 5.0 section 3.14) in the shortest legal form: nothing for NORMAL without properties,
 * the reason code alone without properties, or the reason code and properties.
 */
final class DisconnectEncoder implements OutboundPacket {

    private static final String PACKET = "DISCONNECT";

    private final DisconnectPacket packet;
    private final ReasonProperties reasonProperties;
    private final int serverReferenceLength;
    private final int propertyLength;
    private final int remainingLength;
    private final int encodedSize;

    DisconnectEncoder(DisconnectPacket packet) {
        this.packet = packet;
        reasonProperties = new ReasonProperties(PACKET, packet.reasonString(), packet.userProperties());
        serverReferenceLength = packet.serverReference() == null ? 0
                : MqttStrings.encodedLength("DISCONNECT Server Reference", packet.serverReference());
        propertyLength = reasonProperties.length
                + (packet.sessionExpiryInterval() == null ? 0 : 5)
                + (packet.serverReference() == null ? 0 : PropertyWriter.stringSize(serverReferenceLength));
        long remaining;
        if (propertyLength > 0) {
            remaining = 1L + PropertyWriter.blockSize(propertyLength);
        } else {
            remaining = packet.reasonCode().code() == 0 ? 0 : 1;
        }
        encodedSize = PropertyWriter.packetSize(PACKET, remaining);
        remainingLength = (int) remaining;
    }

    @Override
    public int encodedSize() {
        return encodedSize;
    }

    @Override
    public void writeTo(ByteBuf out, int packetId, boolean dup) {
        PropertyWriter.writeFixedHeader(out, 0xE0, remainingLength);
        if (remainingLength == 0) {
            return;
        }
        out.writeByte(packet.reasonCode().code());
        if (remainingLength == 1) {
            return;
        }
        VariableByteInteger.write(out, propertyLength);
        if (packet.sessionExpiryInterval() != null) {
            PropertyWriter.writeInt(out, Property.SESSION_EXPIRY_INTERVAL, packet.sessionExpiryInterval().getSeconds());
        }
        reasonProperties.writeTo(out);
        PropertyWriter.writeString(out, Property.SERVER_REFERENCE, packet.serverReference(), serverReferenceLength);
    }
}
