package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.config.TopicAliasingOptions;
import dev.mqtt5.client.internal.codec.MqttStrings;
import dev.mqtt5.client.internal.codec.Topics;
import dev.mqtt5.client.lifecycle.NegotiatedSettings;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.DisconnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.Subscription;
import dev.mqtt5.client.packet.UnsubscribePacket;
import dev.mqtt5.client.packet.UserProperty;
import java.time.Duration;
import java.util.List;

/**
 * Checks operations on the caller's thread, before they are queued, so that a mistake is reported
 * where it was made, with the field named. Checks against the server's limits use the settings of
 * the current connection, when there is one.
 */
final class OperationValidator {

    private OperationValidator() {
    }

    static void connect(ConnectPacket connect) {
        MqttStrings.checkWellFormed("connectOptions.clientId", connect.clientId());
        checkOptional("connectOptions.username", connect.username());
        checkOptional("connectOptions.authenticationMethod", connect.authenticationMethod());
        userProperties("connectOptions.userProperties", connect.userProperties());
        if (connect.will() != null) {
            publishContent(WILL, connect.will(), false);
            if (connect.will().topicAlias() != null) {
                throw new IllegalArgumentException("connectOptions.will topicAlias must not be set: a will has no alias");
            }
        }
    }

    /** Checks a publish; {@code topicChecked}: its topic name was checked already (an {@code EncodedTopic}). */
    static void publish(PublishPacket publish, boolean topicChecked, NegotiatedSettings settings,
            TopicAliasingOptions aliasing) {
        publishContent(PUBLISH, publish, topicChecked);
        if (publish.topicAlias() != null && aliasing.mode() != TopicAliasingOptions.Mode.MANUAL) {
            throw new IllegalArgumentException("publish topicAlias is set, but topic aliasing is " + aliasing
                    + "; configure Mqtt5ClientOptions.topicAliasing(TopicAliasingOptions.manual()) to choose aliases");
        }
        if (settings != null) {
            if (publish.qos().value() > settings.maximumQos().value()) {
                throw new IllegalArgumentException("publish qos " + publish.qos() + " exceeds the server's maximum QoS "
                        + settings.maximumQos() + "; publish with QoS " + settings.maximumQos().value() + " or lower");
            }
            if (publish.retain() && !settings.retainAvailable()) {
                throw new IllegalArgumentException("publish retain is set but the server does not support retained messages");
            }
            if (publish.topicAlias() != null && publish.topicAlias() > settings.topicAliasMaximumToServer()) {
                throw new IllegalArgumentException("publish topicAlias " + publish.topicAlias()
                        + " exceeds the server's Topic Alias Maximum " + settings.topicAliasMaximumToServer());
            }
        }
    }

    /** The field names a message's errors use, built once, not on every publish. */
    private record MessageFields(String message, String topic, String responseTopic, String contentType,
            String userProperties) {

        static MessageFields of(String message) {
            return new MessageFields(message, message + " topic", message + " responseTopic",
                    message + " contentType", message + " userProperties");
        }
    }

    private static final MessageFields PUBLISH = MessageFields.of("publish");
    private static final MessageFields WILL = MessageFields.of("connectOptions.will");

    private static void publishContent(MessageFields field, PublishPacket publish, boolean topicChecked) {
        if (publish.topic().isEmpty()) {
            if (publish.topicAlias() == null) {
                throw new IllegalArgumentException(field.topic() + " must not be empty");
            }
        } else if (!topicChecked) {
            Topics.checkTopicName(field.topic(), publish.topic());
        }
        if (publish.responseTopic() != null) {
            Topics.checkTopicName(field.responseTopic(), publish.responseTopic());
        }
        checkOptional(field.contentType(), publish.contentType());
        if (!publish.userProperties().isEmpty()) {
            userProperties(field.userProperties(), publish.userProperties());
        }
        if (!publish.subscriptionIdentifiers().isEmpty()) {
            throw new IllegalArgumentException(field.message()
                    + " subscriptionIdentifiers must be empty: only the server sets them");
        }
    }

    static void subscribe(SubscribePacket subscribe, NegotiatedSettings settings) {
        for (Subscription subscription : subscribe.subscriptions()) {
            String filter = subscription.topicFilter();
            Topics.checkTopicFilter("subscribe topicFilter", filter);
            boolean shared = Topics.isShared(filter);
            if (shared && subscription.noLocal()) {
                throw new IllegalArgumentException("subscribe noLocal must not be set on the shared subscription '"
                        + filter + "'");
            }
            if (settings != null) {
                if (shared && !settings.sharedSubscriptionsAvailable()) {
                    throw new IllegalArgumentException("subscribe topicFilter '" + filter
                            + "' is a shared subscription, which the server does not support");
                }
                if (!settings.wildcardSubscriptionsAvailable() && (filter.contains("+") || filter.contains("#"))) {
                    throw new IllegalArgumentException("subscribe topicFilter '" + filter
                            + "' has a wildcard, which the server does not support");
                }
            }
        }
        if (settings != null && subscribe.subscriptionIdentifier() != null && !settings.subscriptionIdentifiersAvailable()) {
            throw new IllegalArgumentException(
                    "subscribe subscriptionIdentifier is set but the server does not support subscription identifiers");
        }
        userProperties("subscribe userProperties", subscribe.userProperties());
    }

    static void unsubscribe(UnsubscribePacket unsubscribe) {
        for (String filter : unsubscribe.topicFilters()) {
            Topics.checkTopicFilter("unsubscribe topicFilter", filter);
        }
        userProperties("unsubscribe userProperties", unsubscribe.userProperties());
    }

    static void disconnect(DisconnectPacket disconnect, ConnectPacket connect) {
        checkOptional("disconnect reasonString", disconnect.reasonString());
        userProperties("disconnect userProperties", disconnect.userProperties());
        if (disconnect.serverReference() != null) {
            throw new IllegalArgumentException("disconnect serverReference is for servers only; leave it null");
        }
        Duration connectExpiry = connect.sessionExpiryInterval();
        Duration requested = disconnect.sessionExpiryInterval();
        if (requested != null && !requested.isZero() && (connectExpiry == null || connectExpiry.isZero())) {
            throw new IllegalArgumentException("disconnect sessionExpiryInterval must stay 0: the CONNECT asked for "
                    + "no session expiry, and a DISCONNECT may not raise it (MQTT 5.0 section 3.14.2.2.2)");
        }
    }

    private static void checkOptional(String field, String value) {
        if (value != null) {
            MqttStrings.checkWellFormed(field, value);
        }
    }

    private static void userProperties(String field, List<UserProperty> properties) {
        for (UserProperty property : properties) {
            MqttStrings.checkWellFormed(field + " name", property.name());
            MqttStrings.checkWellFormed(field + " value", property.value());
        }
    }
}
