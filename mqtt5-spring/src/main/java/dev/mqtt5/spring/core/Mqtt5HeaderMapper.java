package dev.mqtt5.spring.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mqtt5.client.Acknowledgement;
import dev.mqtt5.client.packet.PayloadFormat;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.UserProperty;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeType;

/**
 * Maps the MQTT 5 properties of a publish to message headers ({@link Mqtt5Headers}) and back.
 * Headers that are not MQTT 5 properties are sent as user properties when their value is a
 * String and their name is in {@code userPropertyHeaders}. Stateless and thread-safe.
 */
public final class Mqtt5HeaderMapper {

    private Mqtt5HeaderMapper() {
    }

    /**
     * A message whose payload is the publish's payload and whose headers carry its properties.
     *
     * @param publish the received publish
     * @param acknowledgement its acknowledgement, or null
     * @param listenerId the receiving listener's id, or null
     * @return the message
     */
    public static Message<byte[]> toMessage(PublishPacket publish, Acknowledgement acknowledgement, String listenerId) {
        MessageBuilder<byte[]> builder = MessageBuilder.withPayload(publish.payload())
            .setHeader(Mqtt5Headers.RECEIVED_TOPIC, publish.topic())
            .setHeader(Mqtt5Headers.RECEIVED_QOS, publish.qos())
            .setHeader(Mqtt5Headers.RECEIVED_RETAIN, publish.retain())
            .setHeader(Mqtt5Headers.DUPLICATE, publish.duplicate())
            .setHeader(Mqtt5Headers.SUBSCRIPTION_IDENTIFIERS, publish.subscriptionIdentifiers())
            .setHeader(Mqtt5Headers.USER_PROPERTIES, publish.userProperties())
            .setHeader(Mqtt5Headers.RECEIVED_PUBLISH, publish);
        builder.setHeaderIfAbsent(Mqtt5Headers.CONTENT_TYPE, publish.contentType());
        setIfNotNull(builder, Mqtt5Headers.RESPONSE_TOPIC, publish.responseTopic());
        setIfNotNull(builder, Mqtt5Headers.CORRELATION_DATA, publish.correlationData());
        setIfNotNull(builder, Mqtt5Headers.MESSAGE_EXPIRY_INTERVAL, publish.messageExpiryInterval());
        setIfNotNull(builder, Mqtt5Headers.PAYLOAD_FORMAT, publish.payloadFormat());
        setIfNotNull(builder, Mqtt5Headers.ACKNOWLEDGEMENT, acknowledgement);
        setIfNotNull(builder, Mqtt5Headers.LISTENER_ID, listenerId);
        return builder.build();
    }

    /**
     * Applies the MQTT 5 headers (topic, QoS, retain, content type, response topic, correlation
     * data, message expiry, payload format, user properties) found in {@code headers} to a publish.
     *
     * @param headers the message headers; unknown ones are ignored unless listed in userPropertyHeaders
     * @param builder the publish being built
     * @param userPropertyHeaders names of other String headers to send as user properties
     * @return the builder
     */
    public static PublishPacket.Builder applyHeaders(Map<String, ?> headers, PublishPacket.Builder builder,
            List<String> userPropertyHeaders) {
        Object topic = headers.get(Mqtt5Headers.TOPIC);
        if (topic instanceof String name) {
            builder.topic(name);
        }
        Object qos = headers.get(Mqtt5Headers.QOS);
        if (qos instanceof QoS value) {
            builder.qos(value);
        } else if (qos instanceof Number number) {
            builder.qos(QoS.fromValue(number.intValue()));
        }
        if (headers.get(Mqtt5Headers.RETAIN) instanceof Boolean retain) {
            builder.retain(retain);
        }
        Object contentType = headers.get(MessageHeaders.CONTENT_TYPE);
        if (contentType instanceof String || contentType instanceof MimeType) {
            builder.contentType(contentType.toString());
        }
        if (headers.get(Mqtt5Headers.RESPONSE_TOPIC) instanceof String responseTopic) {
            builder.responseTopic(responseTopic);
        }
        if (headers.get(Mqtt5Headers.CORRELATION_DATA) instanceof byte[] correlation) {
            builder.correlationData(correlation);
        }
        if (headers.get(Mqtt5Headers.MESSAGE_EXPIRY_INTERVAL) instanceof Duration expiry) {
            builder.messageExpiryInterval(expiry);
        }
        if (headers.get(Mqtt5Headers.PAYLOAD_FORMAT) instanceof PayloadFormat format) {
            builder.payloadFormat(format);
        }
        List<UserProperty> properties = new ArrayList<>();
        if (headers.get(Mqtt5Headers.USER_PROPERTIES) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof UserProperty property) {
                    properties.add(property);
                }
            }
        }
        for (String name : userPropertyHeaders) {
            if (headers.get(name) instanceof String value) {
                properties.add(UserProperty.of(name, value));
            }
        }
        if (!properties.isEmpty()) {
            builder.userProperties(properties);
        }
        return builder;
    }

    /** The user properties as a map, the first value of each name, in order. */
    public static Map<String, String> userPropertyMap(List<UserProperty> properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (UserProperty property : properties) {
            map.putIfAbsent(property.name(), property.value());
        }
        return map;
    }

    private static void setIfNotNull(MessageBuilder<byte[]> builder, String name, Object value) {
        if (value != null) {
            builder.setHeader(name, value);
        }
    }
}
