package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.config.TopicAliasingOptions;
import dev.mqtt5.client.internal.codec.MqttStrings;
import dev.mqtt5.client.internal.codec.Topics;
import dev.mqtt5.client.internal.codec.WellFormedUtf8;
import dev.mqtt5.client.lifecycle.NegotiatedSettings;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.DisconnectPacket;
import dev.mqtt5.client.packet.PayloadFormat;
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
 * the current connection, when there is one. Every string is checked here once, with the client's
 * {@code allowDiscouragedCharacters} option ({@code allow} below).
 */
final class OperationValidator {

    private OperationValidator() {
    }

    /** Checks what every CONNECT will carry, when the client is created. */
    static void connect(Mqtt5ClientOptions options) {
        ConnectPacket connect = options.connectOptions();
        boolean allow = options.allowDiscouragedCharacters();
        MqttStrings.checkSendable("connectOptions.clientId", connect.clientId(), allow);
        checkOptional("connectOptions.username", connect.username(), allow);
        checkOptional("connectOptions.authenticationMethod", connect.authenticationMethod(), allow);
        if (options.enhancedAuthenticator() != null) {
            // Sent in the CONNECT and in every AUTH the client sends; nothing else there comes from the application.
            MqttStrings.checkSendable("enhancedAuthenticator.method()", options.enhancedAuthenticator().method(), allow);
        }
        userProperties("connectOptions.userProperties", connect.userProperties(), allow);
        if (connect.will() != null) {
            publishContent(WILL, connect.will(), false, allow);
            if (connect.will().topicAlias() != null) {
                throw new IllegalArgumentException("connectOptions.will topicAlias must not be set: a will has no alias");
            }
        }
    }

    /** Checks a publish; {@code topicChecked}: its topic name was checked already (an {@code EncodedTopic}). */
    static void publish(PublishPacket publish, boolean topicChecked, NegotiatedSettings settings,
            Mqtt5ClientOptions options) {
        publishContent(PUBLISH, publish, topicChecked, options.allowDiscouragedCharacters());
        TopicAliasingOptions aliasing = options.topicAliasing();
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
            String userProperties, String payload) {

        static MessageFields of(String message) {
            return new MessageFields(message, message + " topic", message + " responseTopic",
                    message + " contentType", message + " userProperties", message + " payload");
        }
    }

    private static final MessageFields PUBLISH = MessageFields.of("publish");
    private static final MessageFields WILL = MessageFields.of("connectOptions.will");

    private static void publishContent(MessageFields field, PublishPacket publish, boolean topicChecked,
            boolean allow) {
        if (publish.topic().isEmpty()) {
            if (publish.topicAlias() == null) {
                throw new IllegalArgumentException(field.topic() + " must not be empty");
            }
        } else if (!topicChecked) {
            Topics.checkTopicName(field.topic(), publish.topic(), allow);
        }
        if (publish.responseTopic() != null) {
            Topics.checkTopicName(field.responseTopic(), publish.responseTopic(), allow);
        }
        checkOptional(field.contentType(), publish.contentType(), allow);
        if (!publish.userProperties().isEmpty()) {
            userProperties(field.userProperties(), publish.userProperties(), allow);
        }
        if (publish.payloadFormat() == PayloadFormat.UTF8) {
            utf8Payload(field.payload(), publish.payload());
        }
        if (!publish.subscriptionIdentifiers().isEmpty()) {
            throw new IllegalArgumentException(field.message()
                    + " subscriptionIdentifiers must be empty: only the server sets them");
        }
    }

    static void subscribe(SubscribePacket subscribe, NegotiatedSettings settings, boolean allow) {
        List<Subscription> subscriptions = subscribe.subscriptions();
        for (int i = 0; i < subscriptions.size(); i++) {
            Subscription subscription = subscriptions.get(i);
            String filter = subscription.topicFilter();
            Topics.checkTopicFilter("subscribe subscriptions[" + i + "].topicFilter", filter, allow);
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
        userProperties("subscribe userProperties", subscribe.userProperties(), allow);
    }

    static void unsubscribe(UnsubscribePacket unsubscribe, boolean allow) {
        List<String> filters = unsubscribe.topicFilters();
        for (int i = 0; i < filters.size(); i++) {
            Topics.checkTopicFilter("unsubscribe topicFilters[" + i + "]", filters.get(i), allow);
        }
        userProperties("unsubscribe userProperties", unsubscribe.userProperties(), allow);
    }

    /** Checks the DISCONNECT of {@code stop(DisconnectPacket)}. */
    static void disconnect(DisconnectPacket disconnect, Mqtt5ClientOptions options) {
        boolean allow = options.allowDiscouragedCharacters();
        checkOptional("disconnect reasonString", disconnect.reasonString(), allow);
        userProperties("disconnect userProperties", disconnect.userProperties(), allow);
        if (disconnect.serverReference() != null) {
            throw new IllegalArgumentException("disconnect serverReference is for servers only; leave it null");
        }
        Duration connectExpiry = options.connectOptions().sessionExpiryInterval();
        Duration requested = disconnect.sessionExpiryInterval();
        if (requested != null && !requested.isZero() && (connectExpiry == null || connectExpiry.isZero())) {
            throw new IllegalArgumentException("disconnect sessionExpiryInterval must stay 0: the CONNECT asked for "
                    + "no session expiry, and a DISCONNECT may not raise it (MQTT 5.0 section 3.14.2.2.2)");
        }
    }

    private static void checkOptional(String field, String value, boolean allow) {
        if (value != null) {
            MqttStrings.checkSendable(field, value, allow);
        }
    }

    /** Names a failing property {@code field[i].name} or {@code field[i].value}, built only then. */
    private static void userProperties(String field, List<UserProperty> properties, boolean allow) {
        for (int i = 0, n = properties.size(); i < n; i++) {
            UserProperty property = properties.get(i);
            MqttStrings.checkSendable(field, i, "name", property.name(), allow);
            MqttStrings.checkSendable(field, i, "value", property.value(), allow);
        }
    }

    /** A payload announced as UTF-8 (Payload Format Indicator 1) must be well-formed UTF-8 (section 3.3.2.3.2). */
    private static void utf8Payload(String field, byte[] payload) {
        int malformed = WellFormedUtf8.firstMalformed(payload);
        if (malformed >= 0) {
            throw new IllegalArgumentException(field + " is not well-formed UTF-8 at byte offset " + malformed
                    + ", but its payloadFormat is UTF8 (MQTT 5.0 section 3.3.2.3.2); encode the text as UTF-8, or "
                    + "set payloadFormat to BYTES or leave it unset");
        }
    }
}
