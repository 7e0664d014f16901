package dev.mqtt5.client.testing;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties.StringProperty;
import io.netty.handler.codec.mqtt.MqttProperties.UserProperty;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;

/**
 * Factories for the MQTT 5 packets a {@link FakeBroker} sends, built with netty-codec-mqtt types:
 * CONNACK (with a builder for its properties), SUBACK, UNSUBACK, the publish acknowledgements,
 * PUBLISH and DISCONNECT. Each call returns a new message (a sent message is released).
 */
public final class BrokerReplies {

    private BrokerReplies() {
    }

    /**
     * Returns a CONNACK builder: success (reason 0x00), session present false, no properties.
     *
     * @return a new builder
     */
    public static ConnAck connAck() {
        return new ConnAck();
    }

    /**
     * Returns a SUBACK for {@code subscribe}, with one reason code per subscription.
     *
     * @param subscribe the SUBSCRIBE being answered
     * @param reasonCodes the reason codes; none means "grant each requested QoS"
     * @return the SUBACK
     */
    public static MqttSubAckMessage subAck(MqttSubscribeMessage subscribe, int... reasonCodes) {
        int[] codes = reasonCodes.length > 0 ? reasonCodes
                : subscribe.payload().topicSubscriptions().stream()
                        .mapToInt(s -> s.qualityOfService().value()).toArray();
        return new MqttSubAckMessage(fixed(MqttMessageType.SUBACK, MqttQoS.AT_MOST_ONCE),
                new MqttMessageIdAndPropertiesVariableHeader(subscribe.variableHeader().messageId(),
                        MqttProperties.NO_PROPERTIES), new MqttSubAckPayload(codes));
    }

    /**
     * Returns an UNSUBACK for {@code unsubscribe}, with one reason code per topic filter.
     *
     * @param unsubscribe the UNSUBSCRIBE being answered
     * @param reasonCodes the reason codes; none means success for every filter
     * @return the UNSUBACK
     */
    public static MqttUnsubAckMessage unsubAck(MqttUnsubscribeMessage unsubscribe, int... reasonCodes) {
        int count = unsubscribe.payload().topics().size();
        short[] codes = new short[count];
        for (int i = 0; i < count && i < reasonCodes.length; i++) {
            codes[i] = (short) reasonCodes[i];
        }
        return new MqttUnsubAckMessage(fixed(MqttMessageType.UNSUBACK, MqttQoS.AT_MOST_ONCE),
                new MqttMessageIdAndPropertiesVariableHeader(unsubscribe.variableHeader().messageId(),
                        MqttProperties.NO_PROPERTIES), new MqttUnsubAckPayload(codes));
    }

    /**
     * Returns a PUBACK, PUBREC, PUBREL or PUBCOMP.
     *
     * @param type one of the four acknowledgement types
     * @param packetId the packet identifier acknowledged
     * @param reasonCode the reason code, 0 for success
     * @param reasonString a reason string, or {@code null}
     * @return the acknowledgement
     */
    public static MqttMessage ack(MqttMessageType type, int packetId, int reasonCode, String reasonString) {
        MqttProperties properties = new MqttProperties();
        if (reasonString != null) {
            properties.add(new StringProperty(MqttPropertyType.REASON_STRING.value(), reasonString));
        }
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(fixed(type, qos),
                new MqttPubReplyMessageVariableHeader(packetId, (byte) reasonCode, properties));
    }

    /**
     * Returns a successful PUBACK, PUBREC, PUBREL or PUBCOMP.
     *
     * @param type one of the four acknowledgement types
     * @param packetId the packet identifier acknowledged
     * @return the acknowledgement
     */
    public static MqttMessage ack(MqttMessageType type, int packetId) {
        return ack(type, packetId, 0, null);
    }

    /**
     * Returns a PUBLISH.
     *
     * @param topic the topic name
     * @param qos 0, 1 or 2
     * @param packetId the packet identifier (ignored for QoS 0)
     * @param payload the payload bytes
     * @param properties the properties, e.g. {@link MqttProperties#NO_PROPERTIES}
     * @return the PUBLISH
     */
    public static MqttPublishMessage publish(String topic, int qos, int packetId, byte[] payload, MqttProperties properties) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), false, 0),
                new MqttPublishVariableHeader(topic, qos == 0 ? -1 : packetId, properties),
                Unpooled.wrappedBuffer(payload));
    }

    /**
     * Returns a server DISCONNECT.
     *
     * @param reasonCode the reason code, such as 0x8E (session taken over)
     * @param reasonString a reason string, or {@code null}
     * @return the DISCONNECT
     */
    public static MqttMessage disconnect(int reasonCode, String reasonString) {
        MqttProperties properties = new MqttProperties();
        if (reasonString != null) {
            properties.add(new StringProperty(MqttPropertyType.REASON_STRING.value(), reasonString));
        }
        return new MqttMessage(fixed(MqttMessageType.DISCONNECT, MqttQoS.AT_MOST_ONCE),
                new MqttReasonCodeAndPropertiesVariableHeader((byte) reasonCode, properties));
    }

    /** The default reply to a received packet, or {@code null} for none. */
    static MqttMessage defaultReply(MqttMessage received) {
        MqttMessageType type = received.fixedHeader().messageType();
        return switch (type) {
            case CONNECT -> connAck().build();
            case PINGREQ -> new MqttMessage(fixed(MqttMessageType.PINGRESP, MqttQoS.AT_MOST_ONCE));
            case SUBSCRIBE -> subAck((MqttSubscribeMessage) received);
            case UNSUBSCRIBE -> unsubAck((MqttUnsubscribeMessage) received);
            case PUBLISH -> switch (received.fixedHeader().qosLevel()) {
                case AT_LEAST_ONCE -> ack(MqttMessageType.PUBACK, ((MqttPublishMessage) received).variableHeader().packetId());
                case EXACTLY_ONCE -> ack(MqttMessageType.PUBREC, ((MqttPublishMessage) received).variableHeader().packetId());
                default -> null;
            };
            case PUBREC -> ack(MqttMessageType.PUBREL, packetId(received));
            case PUBREL -> ack(MqttMessageType.PUBCOMP, packetId(received));
            default -> null;
        };
    }

    static int packetId(MqttMessage message) {
        return ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
    }

    private static MqttFixedHeader fixed(MqttMessageType type, MqttQoS qos) {
        return new MqttFixedHeader(type, false, qos, false, 0);
    }

    /** Builds a CONNACK; not thread-safe. */
    public static final class ConnAck {

        private int reasonCode;
        private boolean sessionPresent;
        private final MqttProperties properties = new MqttProperties();

        private ConnAck() {
        }

        /** @param code the reason code, such as 0x87 (not authorized); 0 is success @return this builder */
        public ConnAck reasonCode(int code) {
            this.reasonCode = code;
            return this;
        }

        /** @param present the Session Present flag @return this builder */
        public ConnAck sessionPresent(boolean present) {
            this.sessionPresent = present;
            return this;
        }

        /** @param clientId the Assigned Client Identifier @return this builder */
        public ConnAck assignedClientId(String clientId) {
            return property(new StringProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), clientId));
        }

        /** @param seconds the Server Keep Alive @return this builder */
        public ConnAck serverKeepAlive(int seconds) {
            return integer(MqttPropertyType.SERVER_KEEP_ALIVE, seconds);
        }

        /** @param maximum the Receive Maximum @return this builder */
        public ConnAck receiveMaximum(int maximum) {
            return integer(MqttPropertyType.RECEIVE_MAXIMUM, maximum);
        }

        /** @param bytes the Maximum Packet Size @return this builder */
        public ConnAck maximumPacketSize(int bytes) {
            return integer(MqttPropertyType.MAXIMUM_PACKET_SIZE, bytes);
        }

        /** @param maximum the Topic Alias Maximum @return this builder */
        public ConnAck topicAliasMaximum(int maximum) {
            return integer(MqttPropertyType.TOPIC_ALIAS_MAXIMUM, maximum);
        }

        /** @param qos the Maximum QoS, 0 or 1 @return this builder */
        public ConnAck maximumQos(int qos) {
            return integer(MqttPropertyType.MAXIMUM_QOS, qos);
        }

        /** @param available the Retain Available flag @return this builder */
        public ConnAck retainAvailable(boolean available) {
            return integer(MqttPropertyType.RETAIN_AVAILABLE, available ? 1 : 0);
        }

        /** @param seconds the Session Expiry Interval @return this builder */
        public ConnAck sessionExpiryInterval(int seconds) {
            return integer(MqttPropertyType.SESSION_EXPIRY_INTERVAL, seconds);
        }

        /** @param reason the Reason String @return this builder */
        public ConnAck reasonString(String reason) {
            return property(new StringProperty(MqttPropertyType.REASON_STRING.value(), reason));
        }

        /** @param key the user property name @param value its value @return this builder */
        public ConnAck userProperty(String key, String value) {
            return property(new UserProperty(key, value));
        }

        /** @param property any other property @return this builder */
        public ConnAck property(MqttProperties.MqttProperty<?> property) {
            properties.add(property);
            return this;
        }

        /** @return the CONNACK */
        public MqttConnAckMessage build() {
            return new MqttConnAckMessage(fixed(MqttMessageType.CONNACK, MqttQoS.AT_MOST_ONCE),
                    new MqttConnAckVariableHeader(MqttConnectReturnCode.valueOf((byte) reasonCode), sessionPresent,
                            properties));
        }

        private ConnAck integer(MqttPropertyType type, int value) {
            return property(new IntegerProperty(type.value(), value));
        }
    }
}
