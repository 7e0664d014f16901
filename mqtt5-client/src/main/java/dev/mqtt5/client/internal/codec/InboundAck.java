package dev.mqtt5.client.internal.codec;

/**
 * A received PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK or UNSUBACK with the Packet Identifier it answers.
 *
 * @param packetId the Packet Identifier, 1 to 65535
 * @param packet the public packet record
 * @param <P> the packet record type
 */
public record InboundAck<P>(int packetId, P packet) {
}
