package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import io.netty.buffer.ByteBuf;

/**
 * Encodes CONNECT (MQTT 5.0 section 3.1): protocol name "MQTT", level 5, connect flags, keep-alive, properties;
 * then the payload: client identifier, will properties, will topic and payload, user name, password.
 */
final class ConnectEncoder implements OutboundPacket {

    private static final String PACKET = "CONNECT";
    /** Protocol Name (length-prefixed "MQTT") and Protocol Version 5. */
    private static final byte[] PROTOCOL = {0, 4, 'M', 'Q', 'T', 'T', 5};

    private final ConnectPacket packet;
    private final int connectFlags;
    private final int authenticationMethodLength;
    private final int[] userPropertyLengths;
    private final int propertyLength;
    private final int clientIdLength;
    private final MessageProperties willProperties;
    private final int willPropertyLength;
    private final int willTopicLength;
    private final int usernameLength;
    private final int remainingLength;
    private final int encodedSize;

    ConnectEncoder(ConnectPacket packet, boolean cleanStart) {
        this.packet = packet;
        PublishPacket will = packet.will();
        int flags = cleanStart ? 0b10 : 0;
        if (will != null) {
            flags |= 0b100 | (will.qos().value() << 3) | (will.retain() ? 0b10_0000 : 0);
        }
        if (packet.password() != null) {
            flags |= 0b100_0000;
        }
        if (packet.username() != null) {
            flags |= 0b1000_0000;
        }
        connectFlags = flags;

        int properties = 0;
        properties += packet.sessionExpiryInterval() == null ? 0 : 5;
        properties += packet.receiveMaximum() == null ? 0 : 3;
        properties += packet.maximumPacketSize() == null ? 0 : 5;
        properties += packet.topicAliasMaximum() == null ? 0 : 3;
        properties += packet.requestResponseInformation() == null ? 0 : 2;
        properties += packet.requestProblemInformation() == null ? 0 : 2;
        userPropertyLengths = PropertyWriter.userPropertyLengths(PACKET, packet.userProperties());
        properties += PropertyWriter.userPropertiesSize(userPropertyLengths);
        authenticationMethodLength = packet.authenticationMethod() == null ? 0
                : MqttStrings.encodedLength("CONNECT Authentication Method", packet.authenticationMethod());
        if (packet.authenticationMethod() != null) {
            properties += PropertyWriter.stringSize(authenticationMethodLength);
        }
        if (packet.authenticationData() != null) {
            properties += 3 + MqttStrings.binaryLength("CONNECT Authentication Data", packet.authenticationData());
        }
        propertyLength = properties;

        clientIdLength = MqttStrings.encodedLength("CONNECT Client Identifier", packet.clientId());
        long remaining = PROTOCOL.length + 1 + 2 + PropertyWriter.blockSize(propertyLength) + 2 + clientIdLength;
        if (will != null) {
            willProperties = MessageProperties.of("CONNECT will", will);
            willPropertyLength = willProperties.length + (packet.willDelayInterval() == null ? 0 : 5);
            willTopicLength = MqttStrings.encodedLength("CONNECT will topic", will.topic());
            remaining += PropertyWriter.blockSize(willPropertyLength) + 2 + willTopicLength
                    + 2 + MqttStrings.binaryLength("CONNECT will payload", will.payload());
        } else {
            willProperties = null;
            willPropertyLength = 0;
            willTopicLength = 0;
        }
        usernameLength = packet.username() == null ? 0
                : MqttStrings.encodedLength("CONNECT User Name", packet.username());
        if (packet.username() != null) {
            remaining += 2 + usernameLength;
        }
        if (packet.password() != null) {
            remaining += 2 + MqttStrings.binaryLength("CONNECT Password", packet.password());
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
        PropertyWriter.writeFixedHeader(out, 0x10, remainingLength);
        out.writeBytes(PROTOCOL);
        out.writeByte(connectFlags);
        out.writeShort((int) packet.keepAlive().getSeconds());
        writeProperties(out);
        MqttStrings.write(out, packet.clientId(), clientIdLength);
        PublishPacket will = packet.will();
        if (will != null) {
            VariableByteInteger.write(out, willPropertyLength);
            if (packet.willDelayInterval() != null) {
                PropertyWriter.writeInt(out, Property.WILL_DELAY_INTERVAL, packet.willDelayInterval().getSeconds());
            }
            willProperties.writeTo(out);
            MqttStrings.write(out, will.topic(), willTopicLength);
            out.writeShort(will.payload().length);
            out.writeBytes(will.payload());
        }
        if (packet.username() != null) {
            MqttStrings.write(out, packet.username(), usernameLength);
        }
        if (packet.password() != null) {
            out.writeShort(packet.password().length);
            out.writeBytes(packet.password());
        }
    }

    private void writeProperties(ByteBuf out) {
        VariableByteInteger.write(out, propertyLength);
        if (packet.sessionExpiryInterval() != null) {
            PropertyWriter.writeInt(out, Property.SESSION_EXPIRY_INTERVAL, packet.sessionExpiryInterval().getSeconds());
        }
        if (packet.receiveMaximum() != null) {
            PropertyWriter.writeShort(out, Property.RECEIVE_MAXIMUM, packet.receiveMaximum());
        }
        if (packet.maximumPacketSize() != null) {
            PropertyWriter.writeInt(out, Property.MAXIMUM_PACKET_SIZE, packet.maximumPacketSize());
        }
        if (packet.topicAliasMaximum() != null) {
            PropertyWriter.writeShort(out, Property.TOPIC_ALIAS_MAXIMUM, packet.topicAliasMaximum());
        }
        if (packet.requestResponseInformation() != null) {
            PropertyWriter.writeByte(out, Property.REQUEST_RESPONSE_INFORMATION,
                    packet.requestResponseInformation() ? 1 : 0);
        }
        if (packet.requestProblemInformation() != null) {
            PropertyWriter.writeByte(out, Property.REQUEST_PROBLEM_INFORMATION,
                    packet.requestProblemInformation() ? 1 : 0);
        }
        PropertyWriter.writeUserProperties(out, packet.userProperties(), userPropertyLengths);
        PropertyWriter.writeString(out, Property.AUTHENTICATION_METHOD, packet.authenticationMethod(),
                authenticationMethodLength);
        PropertyWriter.writeBinary(out, Property.AUTHENTICATION_DATA, packet.authenticationData());
    }
}
