package dev.mqtt5.client.lifecycle;

import dev.mqtt5.client.packet.ConnAckPacket;

/**
 * A connection attempt failed.
 *
 * @param cause what failed: the transport, a timeout, a refused CONNACK
 *     ({@code ConnectionRefusedException}) or a protocol violation
 * @param connAck the server's CONNACK if one came, else null
 */
public record ConnectionFailureEvent(Throwable cause, ConnAckPacket connAck) {
}
