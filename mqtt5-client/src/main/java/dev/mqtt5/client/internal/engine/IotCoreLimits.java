package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.Subscription;
import dev.mqtt5.client.packet.UnsubscribePacket;
import java.nio.charset.StandardCharsets;

/**
 * AWS IoT Core's per-request limits, checked on the caller's thread when
 * {@code Mqtt5ClientOptions.iotCoreValidation()} is on, so that an operation IoT Core would reject
 * (often by closing the connection) fails before it is sent, with a message naming the limit.
 * Topic limits do not count a {@code $aws/rules/<rule>/} Basic Ingest prefix nor a
 * {@code $share/<group>/} shared-subscription prefix.
 */
public final class IotCoreLimits {

    /** Maximum topic length in UTF-8 bytes. */
    public static final int MAX_TOPIC_BYTES = 256;
    /** Maximum number of topic levels (seven slashes). */
    public static final int MAX_TOPIC_LEVELS = 8;
    /** Maximum number of subscriptions in one SUBSCRIBE. */
    public static final int MAX_SUBSCRIPTIONS_PER_SUBSCRIBE = 8;
    /** Maximum client id length in UTF-8 bytes. */
    public static final int MAX_CLIENT_ID_BYTES = 128;
    /** Maximum publish payload size in bytes (128 KiB). */
    public static final int MAX_PAYLOAD_BYTES = 128 * 1024;

    private static final String RULES_PREFIX = "$aws/rules/";
    private static final String SHARE_PREFIX = "$share/";

    private IotCoreLimits() {
    }

    /**
     * Checks a client id.
     *
     * @param clientId the client id, may be empty
     * @throws IllegalArgumentException when it is longer than 128 bytes
     */
    public static void clientId(String clientId) {
        int bytes = clientId.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_CLIENT_ID_BYTES) {
            throw new IllegalArgumentException("connectOptions.clientId is " + bytes + " bytes; AWS IoT Core allows at most "
                    + MAX_CLIENT_ID_BYTES + " bytes (iotCoreValidation)");
        }
    }

    /**
     * Checks a publish's topic and payload.
     *
     * @param publish the publish
     * @throws IllegalArgumentException when a limit is exceeded
     */
    public static void publish(PublishPacket publish) {
        if (!publish.topic().isEmpty()) {
            topic("publish topic", publish.topic());
        }
        int size = publish.payload().length;
        if (size > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("publish payload is " + size + " bytes; AWS IoT Core allows at most "
                    + MAX_PAYLOAD_BYTES + " bytes (128 KiB) per message (iotCoreValidation)");
        }
    }

    /**
     * Checks a subscribe's number of subscriptions and its topic filters.
     *
     * @param subscribe the subscribe
     * @throws IllegalArgumentException when a limit is exceeded
     */
    public static void subscribe(SubscribePacket subscribe) {
        int count = subscribe.subscriptions().size();
        if (count > MAX_SUBSCRIPTIONS_PER_SUBSCRIBE) {
            throw new IllegalArgumentException("subscribe has " + count + " subscriptions; AWS IoT Core allows at most "
                    + MAX_SUBSCRIPTIONS_PER_SUBSCRIBE + " per SUBSCRIBE: split it (iotCoreValidation)");
        }
        for (Subscription subscription : subscribe.subscriptions()) {
            topic("subscribe topicFilter", subscription.topicFilter());
        }
    }

    /**
     * Checks an unsubscribe's topic filters.
     *
     * @param unsubscribe the unsubscribe
     * @throws IllegalArgumentException when a limit is exceeded
     */
    public static void unsubscribe(UnsubscribePacket unsubscribe) {
        for (String filter : unsubscribe.topicFilters()) {
            topic("unsubscribe topicFilter", filter);
        }
    }

    /**
     * Checks a topic name or filter against the length and level limits.
     *
     * @param field the field named in the message
     * @param topic the topic name or filter
     * @throws IllegalArgumentException when a limit is exceeded
     */
    public static void topic(String field, String topic) {
        String counted = withoutPrefixes(topic);
        int bytes = counted.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TOPIC_BYTES) {
            throw new IllegalArgumentException(field + " '" + abbreviate(topic) + "' is " + bytes
                    + " bytes; AWS IoT Core allows at most " + MAX_TOPIC_BYTES + " bytes (iotCoreValidation)");
        }
        int levels = 1;
        for (int i = 0; i < counted.length(); i++) {
            if (counted.charAt(i) == '/') {
                levels++;
            }
        }
        if (levels > MAX_TOPIC_LEVELS) {
            throw new IllegalArgumentException(field + " '" + abbreviate(topic) + "' has " + levels
                    + " levels; AWS IoT Core allows at most " + MAX_TOPIC_LEVELS + " (7 slashes) (iotCoreValidation)");
        }
    }

    private static String withoutPrefixes(String topic) {
        String rest = topic;
        if (rest.startsWith(SHARE_PREFIX)) {
            int groupEnd = rest.indexOf('/', SHARE_PREFIX.length());
            rest = groupEnd < 0 ? rest : rest.substring(groupEnd + 1);
        }
        if (rest.startsWith(RULES_PREFIX)) {
            int ruleEnd = rest.indexOf('/', RULES_PREFIX.length());
            rest = ruleEnd < 0 ? rest : rest.substring(ruleEnd + 1);
        }
        return rest;
    }

    private static String abbreviate(String topic) {
        return topic.length() <= 80 ? topic : topic.substring(0, 77) + "...";
    }
}
