package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.packet.UserProperty;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Encodes PUBACK, PUBREC, PUBREL and PUBCOMP, which differ only in their first byte and reason codes (MQTT 5.0
 * sections 3.4 to 3.7), in the shortest legal form: packet identifier alone for SUCCESS without properties,
 * packet identifier and reason code without properties, or all three.
 */
final class AckEncoder implements OutboundPacket {

    static final int PUBACK = 0x40;
    static final int PUBREC = 0x50;
    /** PUBREL's fixed header flags are 0b0010 [MQTT-3.6.1-1]. */
    static final int PUBREL = 0x62;
    static final int PUBCOMP = 0x70;

    private final int firstByte;
    private final int reasonCode;
    private final ReasonProperties properties;
    private final int remainingLength;
    private final int encodedSize;

    AckEncoder(String packet, int firstByte, int reasonCode, String reasonString, List<UserProperty> userProperties) {
        this.firstByte = firstByte;
        this.reasonCode = reasonCode;
        this.properties = new ReasonProperties(packet, reasonString, userProperties);
        long remaining;
        if (properties.length > 0) {
            remaining = 3L + PropertyWriter.blockSize(properties.length);
        } else {
            remaining = reasonCode == 0 ? 2 : 3;
        }
        encodedSize = PropertyWriter.packetSize(packet, remaining);
        remainingLength = (int) remaining;
    }

    @Override
    public int encodedSize() {
        return encodedSize;
    }

    @Override
    public void writeTo(ByteBuf out, int packetId, boolean dup) {
        PropertyWriter.writeFixedHeader(out, firstByte, remainingLength);
        out.writeShort(packetId);
        if (remainingLength > 2) {
            out.writeByte(reasonCode);
        }
        if (remainingLength > 3) {
            VariableByteInteger.write(out, properties.length);
            properties.writeTo(out);
        }
    }
}
