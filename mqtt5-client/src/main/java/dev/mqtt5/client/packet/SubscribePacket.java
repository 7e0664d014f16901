package dev.mqtt5.client.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A SUBSCRIBE request: one or more subscriptions, an optional Subscription Identifier and User Properties.
 *
 * @param subscriptions the subscriptions, at least one
 * @param subscriptionIdentifier the Subscription Identifier, 1 to 268435455, or null
 * @param userProperties the User Properties, never null
 */
public record SubscribePacket(List<Subscription> subscriptions, Integer subscriptionIdentifier,
        List<UserProperty> userProperties) {

    /** Checks that there is at least one subscription and copies the lists. */
    public SubscribePacket {
        Objects.requireNonNull(subscriptions, "subscriptions must not be null");
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("subscriptions must contain at least one subscription");
        }
        subscriptions = List.copyOf(subscriptions);
        Checks.range("subscriptionIdentifier", subscriptionIdentifier, 1, 268_435_455);
        userProperties = Checks.userProperties(userProperties);
    }

    /** A SUBSCRIBE for one topic filter with default options. */
    public static SubscribePacket of(String topicFilter, QoS qos) {
        return new SubscribePacket(List.of(Subscription.of(topicFilter, qos)), null, List.of());
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SubscribePacket}. */
    public static final class Builder {
        private final List<Subscription> subscriptions = new ArrayList<>();
        private Integer subscriptionIdentifier;
        private final List<UserProperty> userProperties = new ArrayList<>();

        private Builder() {
        }

        /** Adds a subscription. */
        public Builder subscription(Subscription subscription) {
            subscriptions.add(Objects.requireNonNull(subscription, "subscription must not be null"));
            return this;
        }

        /** Adds a subscription with default options. */
        public Builder subscription(String topicFilter, QoS qos) {
            return subscription(Subscription.of(topicFilter, qos));
        }

        /** The Subscription Identifier, 1 to 268435455, or null. */
        public Builder subscriptionIdentifier(Integer identifier) {
            this.subscriptionIdentifier = Checks.range("subscriptionIdentifier", identifier, 1, 268_435_455);
            return this;
        }

        /** Adds one User Property. */
        public Builder userProperty(String name, String value) {
            userProperties.add(new UserProperty(name, value));
            return this;
        }

        /** Builds the packet; at least one subscription is needed. */
        public SubscribePacket build() {
            return new SubscribePacket(subscriptions, subscriptionIdentifier, userProperties);
        }
    }
}
