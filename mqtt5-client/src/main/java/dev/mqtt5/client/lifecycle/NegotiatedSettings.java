package dev.mqtt5.client.lifecycle;

import dev.mqtt5.client.packet.QoS;
import java.time.Duration;

/**
 * The values a connection actually uses, computed from the client's CONNECT, the server's CONNACK
 * and the MQTT 5 defaults for whatever neither side sent.
 *
 * @param maximumQos the highest QoS the server accepts on publishes
 * @param sessionExpiryInterval the session expiry in force (the server's, if it sent one)
 * @param receiveMaximumFromServer how many QoS 1 and 2 publishes may be unacknowledged at once toward the server
 * @param maximumPacketSizeToServer the largest packet the server accepts, in bytes
 * @param maximumPacketSizeFromServer the largest packet the client accepts, in bytes
 * @param topicAliasMaximumToServer how many topic aliases the client may use toward the server
 * @param topicAliasMaximumFromServer how many topic aliases the server may use toward the client
 * @param serverKeepAlive the keep-alive in force (the server's, if it sent one)
 * @param retainAvailable whether retained messages are supported
 * @param wildcardSubscriptionsAvailable whether wildcard subscriptions are supported
 * @param subscriptionIdentifiersAvailable whether subscription identifiers are supported
 * @param sharedSubscriptionsAvailable whether shared subscriptions are supported
 * @param rejoinedSession whether the server resumed an existing session (Session Present)
 * @param clientId the client identifier in use: the configured one or the one the server assigned
 */
public record NegotiatedSettings(
        QoS maximumQos,
        Duration sessionExpiryInterval,
        int receiveMaximumFromServer,
        long maximumPacketSizeToServer,
        long maximumPacketSizeFromServer,
        int topicAliasMaximumToServer,
        int topicAliasMaximumFromServer,
        Duration serverKeepAlive,
        boolean retainAvailable,
        boolean wildcardSubscriptionsAvailable,
        boolean subscriptionIdentifiersAvailable,
        boolean sharedSubscriptionsAvailable,
        boolean rejoinedSession,
        String clientId) {
}
