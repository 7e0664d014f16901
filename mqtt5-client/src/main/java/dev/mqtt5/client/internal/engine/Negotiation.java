package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.lifecycle.NegotiatedSettings;
import dev.mqtt5.client.packet.ConnAckPacket;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.QoS;
import java.time.Duration;

/** Computes the settings a connection uses from CONNECT, CONNACK and the MQTT 5 defaults. */
final class Negotiation {

    /** The largest packet MQTT can carry: a 4-byte remaining length plus the 5-byte fixed header. */
    static final long PROTOCOL_MAXIMUM_PACKET_SIZE = 268_435_460L;

    private Negotiation() {
    }

    static NegotiatedSettings settings(ConnectPacket connect, ConnAckPacket connAck) {
        return new NegotiatedSettings(
                or(connAck.maximumQos(), QoS.EXACTLY_ONCE),
                or(connAck.sessionExpiryInterval(), or(connect.sessionExpiryInterval(), Duration.ZERO)),
                or(connAck.receiveMaximum(), 65535),
                or(connAck.maximumPacketSize(), PROTOCOL_MAXIMUM_PACKET_SIZE),
                or(connect.maximumPacketSize(), PROTOCOL_MAXIMUM_PACKET_SIZE),
                or(connAck.topicAliasMaximum(), 0),
                or(connect.topicAliasMaximum(), 0),
                or(connAck.serverKeepAlive(), connect.keepAlive()),
                or(connAck.retainAvailable(), true),
                or(connAck.wildcardSubscriptionsAvailable(), true),
                or(connAck.subscriptionIdentifiersAvailable(), true),
                or(connAck.sharedSubscriptionsAvailable(), true),
                connAck.sessionPresent(),
                connAck.assignedClientIdentifier() != null ? connAck.assignedClientIdentifier() : connect.clientId());
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
