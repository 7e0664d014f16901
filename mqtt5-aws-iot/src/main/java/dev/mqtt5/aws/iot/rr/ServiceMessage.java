package dev.mqtt5.aws.iot.rr;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A message from an AWS IoT service: a reply to a request (from an {@code /accepted} or
 * {@code /rejected} topic) or a stream's event.
 *
 * @param topic the topic it was published to
 * @param body its JSON payload; a {@code NullNode} if the payload was empty
 */
public record ServiceMessage(String topic, JsonNode body) {

    /**
     * Checks the fields.
     *
     * @param topic the topic it was published to
     * @param body its JSON payload
     */
    public ServiceMessage {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(body, "body must not be null");
    }

    /**
     * Whether the service rejected the request: the reply came on a {@code /rejected} topic.
     *
     * @return true for a rejection
     */
    public boolean rejected() {
        return topic.endsWith("/rejected");
    }
}
