package dev.mqtt5.aws.iot.shadow;

/**
 * The {@code state} of a shadow document, each part decoded as the caller's type (a record, a
 * map, or {@code JsonNode}); a part the document does not have is null.
 *
 * @param desired what the application wants the device to be
 * @param reported what the device says it is
 * @param delta where desired differs from reported (only in the replies to get)
 * @param <S> the type of each part
 */
public record ShadowState<S>(S desired, S reported, S delta) {
}
