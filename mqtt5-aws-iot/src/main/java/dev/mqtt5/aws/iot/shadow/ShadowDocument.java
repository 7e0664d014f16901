package dev.mqtt5.aws.iot.shadow;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A shadow document: the reply to get or update, or the {@code previous} and {@code current}
 * documents of an {@code /update/documents} event.
 *
 * @param state the state, decoded as the caller's type
 * @param metadata the per-field timestamps, as sent; a {@code MissingNode} when absent
 * @param version the shadow's version
 * @param timestamp when the service sent it, or null (inside a documents event)
 * @param clientToken the request's client token, or null
 * @param <S> the type of each state part
 */
public record ShadowDocument<S>(ShadowState<S> state, JsonNode metadata, long version, Instant timestamp,
        String clientToken) {
}
