package dev.mqtt5.client.internal.codec;

import java.nio.charset.StandardCharsets;

/**
 * A topic name checked once and kept in UTF-8. Applications mostly publish to a few topics held
 * in constants; a client remembers the topic String of its last publish and, when the next
 * publish passes the same String again, keeps this encoding of it, so that the publishes after
 * skip the topic checks and encode the topic with one copy (see {@link #recall}). A topic built
 * anew for every publish costs nothing extra: it is never encoded ahead.
 */
public final class EncodedTopic {

    private final String topic;
    final byte[] utf8;

    private EncodedTopic(String topic, byte[] utf8) {
        this.topic = topic;
        this.utf8 = utf8;
    }

    /**
     * What a client keeps after publishing to {@code topic}, given what it kept before
     * ({@code recent}: null, the previous topic String, or an encoding): this topic's encoding when
     * it is the same String as the last one (checked here, with the message every publish would
     * get), otherwise the String itself. Thread-safe as a plain field: both kinds are immutable.
     *
     * @param allowDiscouraged the client's {@code allowDiscouragedCharacters} option
     * @throws IllegalArgumentException naming {@code field} when the topic is not a valid topic name
     */
    public static Object recall(Object recent, String field, String topic, boolean allowDiscouraged) {
        if (recent instanceof EncodedTopic known && known.topic == topic) {
            return known;
        }
        if (recent == topic && !topic.isEmpty()) {
            Topics.checkTopicName(field, topic, allowDiscouraged);
            MqttStrings.encodedLength(field, topic);
            return new EncodedTopic(topic, topic.getBytes(StandardCharsets.UTF_8));
        }
        return topic;
    }
}
