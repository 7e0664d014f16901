package dev.mqtt5.client.lifecycle;

import dev.mqtt5.client.packet.ConnAckPacket;

/**
 * The server accepted the connection.
 *
 * @param connAck the server's CONNACK, as received
 * @param settings the values this connection uses, from CONNECT, CONNACK and the protocol defaults
 */
public record ConnectionSuccessEvent(ConnAckPacket connAck, NegotiatedSettings settings) {
}
