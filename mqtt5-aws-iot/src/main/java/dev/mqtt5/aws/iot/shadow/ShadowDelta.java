package dev.mqtt5.aws.iot.shadow;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * An {@code /update/delta} event: the desired state that differs from the reported one.
 *
 * @param state the delta, decoded as the caller's type
 * @param metadata the per-field timestamps, as sent
 * @param version the shadow's version
 * @param timestamp when the service sent it, or null
 * @param clientToken the token of the update that caused it, or null
 * @param <S> the type of the delta
 */
public record ShadowDelta<S>(S state, JsonNode metadata, long version, Instant timestamp, String clientToken) {
}
