package dev.mqtt5.client.packet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An application message: the content of a PUBLISH packet, as sent by {@code Mqtt5Client.publish}
 * and as received by the publish-received listener. Also used for the will message of a CONNECT.
 *
 * <p>Immutable, except that the payload and correlation data arrays are shared, not copied: the
 * builder takes ownership of the arrays it is given and accessors return them as they are (this
 * keeps the publish path free of copies). Do not modify them after building.
 *
 * <p>Nullable components are absent from the packet when {@code null}; the MQTT 5 defaults then apply.
 *
 * @param topic the topic name; empty only in a received publish that used a topic alias the client could not resolve
 * @param payload the application payload, never null (empty when there is none)
 * @param qos the quality of service
 * @param retain whether the server retains the message
 * @param payloadFormat the Payload Format Indicator, or null when absent
 * @param messageExpiryInterval the Message Expiry Interval, or null when the message does not expire
 * @param topicAlias the Topic Alias on the wire, or null; set by the user only with manual outbound aliasing
 * @param responseTopic the Response Topic for request/response, or null
 * @param correlationData the Correlation Data for request/response, or null
 * @param userProperties the User Properties in order, never null
 * @param subscriptionIdentifiers the Subscription Identifiers of a received publish (empty on send)
 * @param contentType the Content Type, or null
 * @param duplicate whether a received publish is marked as a possible redelivery (the DUP flag);
 *     the client sets DUP itself when it resends, so this is ignored on send
 */
public record PublishPacket(
        String topic,
        byte[] payload,
        QoS qos,
        boolean retain,
        PayloadFormat payloadFormat,
        Duration messageExpiryInterval,
        Integer topicAlias,
        String responseTopic,
        byte[] correlationData,
        List<UserProperty> userProperties,
        List<Integer> subscriptionIdentifiers,
        String contentType,
        boolean duplicate) {

    private static final byte[] EMPTY = new byte[0];

    /**
     * Creates a packet; a null payload, QoS or list reads as its empty value (see the accessors).
     *
     * <p>The fields are assigned as given, before any check, and normalised where they are read:
     * a constructor without branches before its stores lets the JIT allocate the packet without
     * G1 write barriers, small enough that {@link Builder#build()} is inlined where it is called and
     * the builder itself is never allocated (measured: 128 to 64 bytes per built packet on G1).
     *
     * @throws NullPointerException when {@code topic} is null
     */
    public PublishPacket(String topic, byte[] payload, QoS qos, boolean retain, PayloadFormat payloadFormat,
            Duration messageExpiryInterval, Integer topicAlias, String responseTopic, byte[] correlationData,
            List<UserProperty> userProperties, List<Integer> subscriptionIdentifiers, String contentType,
            boolean duplicate) {
        this.topic = topic;
        this.payload = payload;
        this.qos = qos;
        this.retain = retain;
        this.payloadFormat = payloadFormat;
        this.messageExpiryInterval = messageExpiryInterval;
        this.topicAlias = topicAlias;
        this.responseTopic = responseTopic;
        this.correlationData = correlationData;
        this.userProperties = userProperties;
        this.subscriptionIdentifiers = subscriptionIdentifiers;
        this.contentType = contentType;
        this.duplicate = duplicate;
        Objects.requireNonNull(topic, "topic must not be null");
    }

    /** The application payload, never null (empty when there is none). */
    @Override
    public byte[] payload() {
        return payload != null ? payload : EMPTY;
    }

    /** The quality of service ({@link QoS#AT_MOST_ONCE} when constructed with null). */
    @Override
    public QoS qos() {
        return qos != null ? qos : QoS.AT_MOST_ONCE;
    }

    /** The User Properties in order, never null. */
    @Override
    public List<UserProperty> userProperties() {
        return userProperties != null ? userProperties : List.of();
    }

    /** The Subscription Identifiers of a received publish, never null (empty on send). */
    @Override
    public List<Integer> subscriptionIdentifiers() {
        return subscriptionIdentifiers != null ? subscriptionIdentifiers : List.of();
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialised with the values of this packet. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The payload decoded as UTF-8 (a convenience for text payloads). */
    public String payloadAsString() {
        return new String(payload(), StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublishPacket p
                && retain == p.retain
                && topic.equals(p.topic)
                && Arrays.equals(payload(), p.payload())
                && qos() == p.qos()
                && payloadFormat == p.payloadFormat
                && Objects.equals(messageExpiryInterval, p.messageExpiryInterval)
                && Objects.equals(topicAlias, p.topicAlias)
                && Objects.equals(responseTopic, p.responseTopic)
                && Arrays.equals(correlationData, p.correlationData)
                && userProperties().equals(p.userProperties())
                && subscriptionIdentifiers().equals(p.subscriptionIdentifiers())
                && Objects.equals(contentType, p.contentType)
                && duplicate == p.duplicate;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload()), qos(), retain, payloadFormat, messageExpiryInterval,
                topicAlias, responseTopic, Arrays.hashCode(correlationData), userProperties(), subscriptionIdentifiers(),
                contentType, duplicate);
    }

    @Override
    public String toString() {
        return "PublishPacket[topic=" + topic + ", payload=" + payload().length + " bytes, qos=" + qos()
                + ", retain=" + retain + ", payloadFormat=" + payloadFormat
                + ", messageExpiryInterval=" + messageExpiryInterval + ", topicAlias=" + topicAlias
                + ", responseTopic=" + responseTopic + ", correlationData=" + Checks.bytesToString(correlationData)
                + ", userProperties=" + userProperties() + ", subscriptionIdentifiers=" + subscriptionIdentifiers()
                + ", contentType=" + contentType + ", duplicate=" + duplicate + "]";
    }

    /** Builds a {@link PublishPacket}; every setter checks its argument and names it when it is wrong. */
    public static final class Builder {
        private String topic;
        private byte[] payload = EMPTY;
        private QoS qos = QoS.AT_MOST_ONCE;
        private boolean retain;
        private PayloadFormat payloadFormat;
        private Duration messageExpiryInterval;
        private Integer topicAlias;
        private String responseTopic;
        private byte[] correlationData;
        /** Created on the first user property: most publishes have none. */
        private List<UserProperty> userProperties;
        private List<Integer> subscriptionIdentifiers = List.of();
        private String contentType;
        private boolean duplicate;

        private Builder() {
        }

        private Builder(PublishPacket p) {
            topic = p.topic;
            payload = p.payload();
            qos = p.qos();
            retain = p.retain;
            payloadFormat = p.payloadFormat;
            messageExpiryInterval = p.messageExpiryInterval;
            topicAlias = p.topicAlias;
            responseTopic = p.responseTopic;
            correlationData = p.correlationData;
            userProperties = p.userProperties().isEmpty() ? null : new ArrayList<>(p.userProperties());
            subscriptionIdentifiers = p.subscriptionIdentifiers();
            contentType = p.contentType;
            duplicate = p.duplicate;
        }

        /** The topic name: no wildcards, not empty (unless a topic alias is set). */
        public Builder topic(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic must not be null");
            return this;
        }

        /** The payload; the array is not copied. */
        public Builder payload(byte[] payload) {
            this.payload = payload == null ? EMPTY : payload;
            return this;
        }

        /** The payload as UTF-8 text; also sets the payload format to {@link PayloadFormat#UTF8}. */
        public Builder payload(String text) {
            this.payload = Objects.requireNonNull(text, "payload must not be null").getBytes(StandardCharsets.UTF_8);
            this.payloadFormat = PayloadFormat.UTF8;
            return this;
        }

        /** The quality of service (default {@link QoS#AT_MOST_ONCE}). */
        public Builder qos(QoS qos) {
            this.qos = Objects.requireNonNull(qos, "qos must not be null");
            return this;
        }

        /** Whether the server retains the message (default false). */
        public Builder retain(boolean retain) {
            this.retain = retain;
            return this;
        }

        /** The Payload Format Indicator, or null to leave it out. */
        public Builder payloadFormat(PayloadFormat payloadFormat) {
            this.payloadFormat = payloadFormat;
            return this;
        }

        /** The Message Expiry Interval in whole seconds, at most 4294967295 s; null for none. */
        public Builder messageExpiryInterval(Duration interval) {
            this.messageExpiryInterval = Checks.seconds("messageExpiryInterval", interval, Checks.MAX_FOUR_BYTE);
            return this;
        }

        /** A Topic Alias, 1 to 65535, for manual outbound aliasing; null for none. */
        public Builder topicAlias(Integer topicAlias) {
            this.topicAlias = Checks.range("topicAlias", topicAlias, 1, 65535);
            return this;
        }

        /** The Response Topic for request/response (no wildcards), or null. */
        public Builder responseTopic(String responseTopic) {
            this.responseTopic = responseTopic;
            return this;
        }

        /** The Correlation Data for request/response, or null; the array is not copied. */
        public Builder correlationData(byte[] correlationData) {
            this.correlationData = correlationData;
            return this;
        }

        /** Adds one User Property; the order of calls is the order on the wire. */
        public Builder userProperty(String name, String value) {
            if (userProperties == null) {
                userProperties = new ArrayList<>(4);
            }
            userProperties.add(new UserProperty(name, value));
            return this;
        }

        /** Replaces the User Properties. */
        public Builder userProperties(List<UserProperty> properties) {
            List<UserProperty> checked = Checks.userProperties(properties);
            userProperties = checked.isEmpty() ? null : new ArrayList<>(checked);
            return this;
        }

        /** The Subscription Identifiers; only meaningful on received publishes. */
        public Builder subscriptionIdentifiers(List<Integer> identifiers) {
            this.subscriptionIdentifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
            return this;
        }

        /** Marks a received publish as a possible redelivery (DUP); only meaningful on received publishes. */
        public Builder duplicate(boolean duplicate) {
            this.duplicate = duplicate;
            return this;
        }

        /** The Content Type (for example a MIME type), or null. */
        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        /**
         * Builds the packet.
         *
         * @throws IllegalArgumentException when no topic was set
         */
        public PublishPacket build() {
            if (topic == null) {
                throw new IllegalArgumentException("topic must be set");
            }
            // Decided before the allocation: no branch between it and the constructor's stores (see there).
            List<UserProperty> properties = userProperties == null ? List.of() : List.copyOf(userProperties);
            return new PublishPacket(topic, payload, qos, retain, payloadFormat, messageExpiryInterval, topicAlias,
                    responseTopic, correlationData, properties, subscriptionIdentifiers, contentType, duplicate);
        }
    }
}
