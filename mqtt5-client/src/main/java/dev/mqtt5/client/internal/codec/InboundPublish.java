package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.packet.PublishPacket;

/**
 * A received PUBLISH. The topic is {@code ""} when the server sent only a Topic Alias: resolving aliases is the
 * engine's job, since the alias map lives with the connection.
 *
 * @param packetId the Packet Identifier, or 0 for QoS 0
 * @param dup the DUP flag of the fixed header
 * @param publish the message, with {@link PublishPacket#topicAlias()} set when the property was present
 */
public record InboundPublish(int packetId, boolean dup, PublishPacket publish) {
}
