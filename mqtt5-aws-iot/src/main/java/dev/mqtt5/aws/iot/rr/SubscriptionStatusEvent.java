package dev.mqtt5.aws.iot.rr;

/**
 * A change of a stream's subscription.
 *
 * @param type what happened
 * @param error why, for {@link SubscriptionStatusEventType#SUBSCRIPTION_HALTED} (and a lost
 *     session for {@link SubscriptionStatusEventType#SUBSCRIPTION_LOST}); null otherwise
 */
public record SubscriptionStatusEvent(SubscriptionStatusEventType type, Throwable error) {
}
