package dev.mqtt5.client.packet;

import java.util.Objects;

/**
 * One subscription of a SUBSCRIBE packet: a topic filter and its options (MQTT 5.0 section 3.8.3.1).
 *
 * @param topicFilter the topic filter, with {@code +} and {@code #} wildcards, or {@code $share/group/filter}
 * @param qos the maximum QoS the server may use to deliver to this subscription
 * @param noLocal whether the server must not send this client's own publishes back to it
 * @param retainAsPublished whether forwarded messages keep the retain flag they were published with
 * @param retainHandling whether retained messages are sent when the subscription is made
 */
public record Subscription(String topicFilter, QoS qos, boolean noLocal, boolean retainAsPublished,
        RetainHandling retainHandling) {

    /** Checks for nulls. */
    public Subscription {
        Objects.requireNonNull(topicFilter, "topicFilter must not be null");
        Objects.requireNonNull(qos, "qos must not be null");
        Objects.requireNonNull(retainHandling, "retainHandling must not be null");
    }

    /** A subscription with the default options (local messages, no retain-as-published, retained messages sent). */
    public static Subscription of(String topicFilter, QoS qos) {
        return new Subscription(topicFilter, qos, false, false, RetainHandling.SEND_ON_SUBSCRIBE);
    }

    /** Returns a new builder. */
    public static Builder builder(String topicFilter) {
        return new Builder(topicFilter);
    }

    /** Builds a {@link Subscription}. */
    public static final class Builder {
        private final String topicFilter;
        private QoS qos = QoS.AT_MOST_ONCE;
        private boolean noLocal;
        private boolean retainAsPublished;
        private RetainHandling retainHandling = RetainHandling.SEND_ON_SUBSCRIBE;

        private Builder(String topicFilter) {
            this.topicFilter = Objects.requireNonNull(topicFilter, "topicFilter must not be null");
        }

        /** The maximum QoS (default {@link QoS#AT_MOST_ONCE}). */
        public Builder qos(QoS qos) {
            this.qos = Objects.requireNonNull(qos, "qos must not be null");
            return this;
        }

        /** Whether the server must not send the client's own publishes back (not allowed on shared subscriptions). */
        public Builder noLocal(boolean noLocal) {
            this.noLocal = noLocal;
            return this;
        }

        /** Whether forwarded messages keep their original retain flag. */
        public Builder retainAsPublished(boolean retainAsPublished) {
            this.retainAsPublished = retainAsPublished;
            return this;
        }

        /** When retained messages are sent (default {@link RetainHandling#SEND_ON_SUBSCRIBE}). */
        public Builder retainHandling(RetainHandling retainHandling) {
            this.retainHandling = Objects.requireNonNull(retainHandling, "retainHandling must not be null");
            return this;
        }

        /** Builds the subscription. */
        public Subscription build() {
            return new Subscription(topicFilter, qos, noLocal, retainAsPublished, retainHandling);
        }
    }
}
