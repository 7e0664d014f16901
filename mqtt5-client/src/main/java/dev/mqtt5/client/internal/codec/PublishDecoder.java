package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.internal.codec.PropertyReader.InboundProperties;
import dev.mqtt5.client.packet.PayloadFormat;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import io.netty.buffer.ByteBuf;

/** Decodes PUBLISH (MQTT 5.0 section 3.3): topic name, packet identifier for QoS 1 and 2, properties, payload. */
final class PublishDecoder implements PacketDecoder {

    static final PublishDecoder INSTANCE = new PublishDecoder();
    private static final String PACKET = "PUBLISH";

    private PublishDecoder() {
    }

    @Override
    public Object decode(ByteBuf body, int flags) {
        boolean dup = (flags & 0b1000) != 0;
        int qos = (flags >> 1) & 0b11;
        boolean retain = (flags & 1) != 0;
        String topic = MqttStrings.read(body, PACKET, "Topic Name");
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw MqttProtocolException.protocolError(PACKET + ": Topic Name '" + topic + "' contains a wildcard");
        }
        int packetId = qos == 0 ? 0 : WireReader.readPacketId(body, PACKET);
        InboundProperties p = PropertyReader.read(body, PACKET, Property.IN_PUBLISH);
        if (topic.isEmpty() && p.topicAlias == null) {
            throw MqttProtocolException.protocolError(PACKET + ": empty Topic Name without a Topic Alias");
        }
        // The one copy of the payload: the cumulation buffer is reused by Netty once we return.
        byte[] payload = new byte[body.readableBytes()];
        body.readBytes(payload);
        PublishPacket publish = new PublishPacket(topic, payload, QoS.fromValue(qos), retain,
                p.payloadFormat == null ? null : PayloadFormat.fromValue(p.payloadFormat),
                ConnAckDecoder.seconds(p.messageExpiryInterval), p.topicAlias, p.responseTopic, p.correlationData,
                p.userProperties, p.subscriptionIdentifiers, p.contentType, dup);
        return new InboundPublish(packetId, dup, publish);
    }
}
