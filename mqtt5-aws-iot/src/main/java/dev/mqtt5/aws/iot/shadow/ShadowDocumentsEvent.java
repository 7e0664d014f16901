package dev.mqtt5.aws.iot.shadow;

import java.time.Instant;

/**
 * An {@code /update/documents} event: the shadow before and after an accepted update.
 *
 * @param previous the document before the update, or null for the first update
 * @param current the document after it
 * @param timestamp when the service sent it, or null
 * @param clientToken the token of the update, or null
 * @param <S> the type of each state part
 */
public record ShadowDocumentsEvent<S>(ShadowDocument<S> previous, ShadowDocument<S> current, Instant timestamp,
        String clientToken) {
}
