/**
 * The request-response core under the AWS IoT service clients: {@link dev.mqtt5.aws.iot.rr.RequestResponseClient}
 * publishes requests, completes them from their {@code /accepted} or {@code /rejected} replies
 * (correlated by client token), shares and releases response subscriptions within the budget of
 * {@link dev.mqtt5.aws.iot.rr.RequestResponseOptions}, and keeps streams subscribed across lost
 * sessions ({@link dev.mqtt5.aws.iot.rr.StreamingOperation}).
 */
package dev.mqtt5.aws.iot.rr;
