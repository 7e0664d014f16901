package dev.mqtt5.aws.iot.rr;

/** What happened to a stream's subscription; see {@link StreamingOperation}. */
public enum SubscriptionStatusEventType {
    /** The subscription is in place: events published from now on reach the stream. */
    SUBSCRIPTION_ESTABLISHED,
    /**
     * The subscription was lost with the MQTT session (a connection without a resumed session);
     * events published until the next {@link #SUBSCRIPTION_ESTABLISHED} are missed. The client
     * subscribes again on its own.
     */
    SUBSCRIPTION_LOST,
    /**
     * The subscription failed for good (refused by the server, or no room in the subscription
     * budget); the stream receives nothing more. The event's error says why.
     */
    SUBSCRIPTION_HALTED
}
