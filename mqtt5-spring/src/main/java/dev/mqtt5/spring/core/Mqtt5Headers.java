package dev.mqtt5.spring.core;

import java.util.Set;

import org.springframework.messaging.MessageHeaders;

/**
 * Message header names for the MQTT 5 properties of a publish, for {@code @Header} parameters of
 * listeners and for Spring Integration messages (read on receipt, written on send).
 */
public final class Mqtt5Headers {

    /** The topic to publish to ({@code String}), read on send. */
    public static final String TOPIC = "mqtt5_topic";

    /** The QoS to publish with ({@code QoS}, or {@code Integer} 0, 1 or 2), read on send. */
    public static final String QOS = "mqtt5_qos";

    /** Whether to retain the publish ({@code Boolean}), read on send. */
    public static final String RETAIN = "mqtt5_retain";

    /**
     * The topic of a received publish ({@code String}). Kept apart from {@link #TOPIC} so that a
     * flow that forwards received messages does not publish them back to where they came from.
     */
    public static final String RECEIVED_TOPIC = "mqtt5_receivedTopic";

    /** The QoS of a received publish ({@code QoS}). */
    public static final String RECEIVED_QOS = "mqtt5_receivedQos";

    /** The retain flag of a received publish ({@code Boolean}). */
    public static final String RECEIVED_RETAIN = "mqtt5_receivedRetain";

    /**
     * Whether the publish may be a redelivery ({@code Boolean}): true for QoS 1 or 2 publishes
     * received before a connection of the same session was lost and resent since; the client
     * does not expose the DUP flag, so this header is currently always false.
     */
    public static final String DUPLICATE = "mqtt5_duplicate";

    /** The Content Type ({@code String}); the same header spring-messaging converters read. */
    public static final String CONTENT_TYPE = MessageHeaders.CONTENT_TYPE;

    /** The Response Topic ({@code String}). */
    public static final String RESPONSE_TOPIC = "mqtt5_responseTopic";

    /** The Correlation Data ({@code byte[]}). */
    public static final String CORRELATION_DATA = "mqtt5_correlationData";

    /** The Message Expiry Interval ({@code Duration}). */
    public static final String MESSAGE_EXPIRY_INTERVAL = "mqtt5_messageExpiryInterval";

    /** The Payload Format Indicator ({@code PayloadFormat}). */
    public static final String PAYLOAD_FORMAT = "mqtt5_payloadFormat";

    /** The Subscription Identifiers of a received publish ({@code List<Integer>}). */
    public static final String SUBSCRIPTION_IDENTIFIERS = "mqtt5_subscriptionIdentifiers";

    /** The User Properties in order ({@code List<dev.mqtt5.client.packet.UserProperty>}). */
    public static final String USER_PROPERTIES = "mqtt5_userProperties";

    /** The received {@code PublishPacket} itself. */
    public static final String RECEIVED_PUBLISH = "mqtt5_receivedPublish";

    /** The {@code Acknowledgement} of a received publish (listeners with {@code AckMode.MANUAL}). */
    public static final String ACKNOWLEDGEMENT = "mqtt5_acknowledgement";

    /** The id of the listener container that received the publish ({@code String}). */
    public static final String LISTENER_ID = "mqtt5_listenerId";

    /** The names a {@code @Header} parameter of a listener may use. */
    public static final Set<String> RECEIVED = Set.of(RECEIVED_TOPIC, RECEIVED_QOS, RECEIVED_RETAIN, DUPLICATE, CONTENT_TYPE, RESPONSE_TOPIC,
            CORRELATION_DATA, MESSAGE_EXPIRY_INTERVAL, PAYLOAD_FORMAT, SUBSCRIPTION_IDENTIFIERS, USER_PROPERTIES,
            RECEIVED_PUBLISH, ACKNOWLEDGEMENT, LISTENER_ID, MessageHeaders.ID, MessageHeaders.TIMESTAMP);

    private Mqtt5Headers() {
    }
}
