package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.packet.PublishPacket;
import io.netty.buffer.ByteBuf;

/**
 * The application message properties a PUBLISH and a will share (Payload Format Indicator, Message Expiry
 * Interval, Content Type, Response Topic, Correlation Data, User Properties), sized once. Subscription
 * Identifiers are never written: only a server sends them.
 */
final class MessageProperties {

    private final PublishPacket message;
    private final int contentTypeLength;
    private final int responseTopicLength;
    private final int[] userPropertyLengths;
    /** The bytes these properties take inside the property block. */
    final int length;

    /** Shared by every message without properties: nothing to write, nothing allocated per publish. */
    private static final MessageProperties NONE = new MessageProperties();

    private MessageProperties() {
        this.message = null;
        this.contentTypeLength = 0;
        this.responseTopicLength = 0;
        this.userPropertyLengths = null;
        this.length = 0;
    }

    /** The properties of a PUBLISH or will message. */
    static MessageProperties of(String packet, PublishPacket message) {
        boolean none = message.payloadFormat() == null && message.messageExpiryInterval() == null
                && message.contentType() == null && message.responseTopic() == null
                && message.correlationData() == null && message.userProperties().isEmpty();
        return none ? NONE : new MessageProperties(packet, message);
    }

    private MessageProperties(String packet, PublishPacket message) {
        this.message = message;
        int size = 0;
        if (message.payloadFormat() != null) {
            size += 2;
        }
        if (message.messageExpiryInterval() != null) {
            size += 5;
        }
        contentTypeLength = message.contentType() == null ? 0
                : MqttStrings.encodedLength(packet + " Content Type", message.contentType());
        if (message.contentType() != null) {
            size += PropertyWriter.stringSize(contentTypeLength);
        }
        responseTopicLength = message.responseTopic() == null ? 0
                : MqttStrings.encodedLength(packet + " Response Topic", message.responseTopic());
        if (message.responseTopic() != null) {
            size += PropertyWriter.stringSize(responseTopicLength);
        }
        if (message.correlationData() != null) {
            size += 3 + MqttStrings.binaryLength(packet + " Correlation Data", message.correlationData());
        }
        userPropertyLengths = PropertyWriter.userPropertyLengths(packet, message.userProperties());
        size += PropertyWriter.userPropertiesSize(userPropertyLengths);
        this.length = size;
    }

    void writeTo(ByteBuf out) {
        if (this == NONE) {
            return;
        }
        if (message.payloadFormat() != null) {
            PropertyWriter.writeByte(out, Property.PAYLOAD_FORMAT_INDICATOR, message.payloadFormat().value());
        }
        if (message.messageExpiryInterval() != null) {
            PropertyWriter.writeInt(out, Property.MESSAGE_EXPIRY_INTERVAL, message.messageExpiryInterval().getSeconds());
        }
        PropertyWriter.writeString(out, Property.CONTENT_TYPE, message.contentType(), contentTypeLength);
        PropertyWriter.writeString(out, Property.RESPONSE_TOPIC, message.responseTopic(), responseTopicLength);
        PropertyWriter.writeBinary(out, Property.CORRELATION_DATA, message.correlationData());
        PropertyWriter.writeUserProperties(out, message.userProperties(), userPropertyLengths);
    }
}
