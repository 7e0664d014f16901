package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.packet.PublishPacket;
import io.netty.buffer.ByteBuf;

/**
 * Encodes PUBLISH (MQTT 5.0 section 3.3): topic name (empty when only a Topic Alias is sent), packet identifier
 * for QoS 1 and 2, properties, payload.
 */
final class PublishEncoder implements OutboundPacket {

    private static final String PACKET = "PUBLISH";

    private final PublishPacket packet;
    /** The topic in UTF-8 when it was encoded ahead, else null (written from the String). */
    private final byte[] topicUtf8;
    private final int topicLength;
    private final MessageProperties messageProperties;
    private final int propertyLength;
    private final int remainingLength;
    private final int encodedSize;

    PublishEncoder(PublishPacket packet, EncodedTopic topic) {
        this.packet = packet;
        topicUtf8 = topic != null ? topic.utf8 : null;
        topicLength = topicUtf8 != null ? topicUtf8.length : MqttStrings.encodedLength("PUBLISH topic", packet.topic());
        messageProperties = MessageProperties.of(PACKET, packet);
        propertyLength = messageProperties.length + (packet.topicAlias() == null ? 0 : 3);
        long remaining = 2L + topicLength + (packet.qos().value() > 0 ? 2 : 0)
                + PropertyWriter.blockSize(propertyLength) + packet.payload().length;
        encodedSize = PropertyWriter.packetSize(PACKET, remaining);
        remainingLength = (int) remaining;
    }

    @Override
    public int encodedSize() {
        return encodedSize;
    }

    @Override
    public void writeTo(ByteBuf out, int packetId, boolean dup) {
        int qos = packet.qos().value();
        int firstByte = 0x30 | (dup ? 0b1000 : 0) | (qos << 1) | (packet.retain() ? 1 : 0);
        PropertyWriter.writeFixedHeader(out, firstByte, remainingLength);
        if (topicUtf8 != null) {
            out.writeShort(topicLength);
            out.writeBytes(topicUtf8);
        } else {
            MqttStrings.write(out, packet.topic(), topicLength);
        }
        if (qos > 0) {
            out.writeShort(packetId);
        }
        VariableByteInteger.write(out, propertyLength);
        if (packet.topicAlias() != null) {
            PropertyWriter.writeShort(out, Property.TOPIC_ALIAS, packet.topicAlias());
        }
        messageProperties.writeTo(out);
        out.writeBytes(packet.payload());
    }
}
