package dev.mqtt5.aws.iot.shadow;

import java.time.Instant;

/**
 * The reply to delete.
 *
 * @param version the version of the deleted shadow
 * @param timestamp when the service deleted it, or null
 * @param clientToken the request's client token, or null
 */
public record ShadowDeleted(long version, Instant timestamp, String clientToken) {
}
