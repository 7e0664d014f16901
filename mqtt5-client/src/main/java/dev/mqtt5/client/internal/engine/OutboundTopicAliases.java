package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.config.TopicAliasingOptions;
import dev.mqtt5.client.internal.codec.OutboundPacket;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.packet.PublishPacket;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses the wire form of each outbound publish under the topic aliasing mode: as submitted
 * (disabled, or manual within the server's maximum), or with a client-chosen alias for the most
 * recently used topics (LRU, bounded by the cache size and the server's Topic Alias Maximum).
 * The map starts empty on every connection. Event loop only.
 */
final class OutboundTopicAliases {

    private final TopicAliasingOptions options;
    /** Topic to alias, in access order: the eldest entry is the least recently used. */
    private LinkedHashMap<String, Integer> aliases;
    private int maximum;

    OutboundTopicAliases(TopicAliasingOptions options) {
        this.options = options;
    }

    /** A new connection with the server's Topic Alias Maximum: no alias is bound yet. */
    void connected(int serverMaximum) {
        aliases = null;
        maximum = options.mode() == TopicAliasingOptions.Mode.LRU
                ? Math.min(options.cacheSize(), serverMaximum) : serverMaximum;
    }

    /**
     * The packet to write for this publish on the current connection.
     *
     * @return the encoding, or null when a manual alias cannot be sent on this connection
     */
    OutboundPacket wireForm(PublishOperation op) {
        PublishPacket packet = op.packet;
        switch (options.mode()) {
            case DISABLED:
                return op.encoded;
            case MANUAL:
                if (packet.topicAlias() == null || packet.topicAlias() <= maximum) {
                    return op.encoded;
                }
                // The server allows fewer aliases now than when it was submitted: send the topic instead.
                return packet.topic().isEmpty() ? null
                        : PacketEncoders.publish(packet.toBuilder().topicAlias(null).build());
            default:
                return lru(op);
        }
    }

    private OutboundPacket lru(PublishOperation op) {
        PublishPacket packet = op.packet;
        if (maximum == 0 || packet.topic().isEmpty()) {
            return packet.topicAlias() == null ? op.encoded
                    : PacketEncoders.publish(packet.toBuilder().topicAlias(null).build());
        }
        String topic = packet.topic();
        if (aliases == null) {
            aliases = new LinkedHashMap<>(16, 0.75f, true);
        }
        Integer alias = aliases.get(topic);
        if (alias != null) {
            return PacketEncoders.publish(packet.toBuilder().topic("").topicAlias(alias).build());
        }
        if (aliases.size() < maximum) {
            alias = aliases.size() + 1;
        } else {
            Iterator<Map.Entry<String, Integer>> eldest = aliases.entrySet().iterator();
            alias = eldest.next().getValue();
            eldest.remove();
        }
        aliases.put(topic, alias);
        return PacketEncoders.publish(packet.toBuilder().topicAlias(alias).build());
    }
}
