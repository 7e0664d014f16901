package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.internal.codec.OutboundPacket;
import dev.mqtt5.client.lifecycle.NegotiatedSettings;

/**
 * What the server's CONNACK forbids on a connection, as the failures of the operations that
 * break it: they can never be sent on this connection, so the write pump fails them instead of
 * letting the server close the connection for them. Stateless.
 */
final class ServerLimits {

    private ServerLimits() {
    }

    /** Why the server cannot take this publish (Maximum QoS, Retain Available), or null. */
    static IllegalArgumentException publishRefused(PublishOperation p, NegotiatedSettings settings) {
        if (p.qos() > settings.maximumQos().value()) {
            return new IllegalArgumentException(p.describe() + " exceeds the server's Maximum QoS "
                    + settings.maximumQos().value() + " announced in CONNACK (MQTT-3.2.2-11)");
        }
        if (p.packet.retain() && !settings.retainAvailable()) {
            return new IllegalArgumentException(p.describe() + " is retained, but the server announced "
                    + "Retain Available 0 (MQTT-3.2.2-14)");
        }
        return null;
    }

    /** A publish with only a topic alias, on a connection where the server takes none. */
    static IllegalArgumentException aliasRefused(PublishOperation p, NegotiatedSettings settings) {
        return new IllegalArgumentException(p.describe() + " uses only a topic alias, but the server's Topic Alias "
                + "Maximum on this connection is " + settings.topicAliasMaximumToServer());
    }

    /** An operation whose packet exceeds the server's Maximum Packet Size. */
    static IllegalArgumentException tooLarge(Operation<?> op, OutboundPacket wire, NegotiatedSettings settings) {
        return new IllegalArgumentException(op.describe() + " is " + wire.encodedSize() + " bytes encoded, more than "
                + "the server's Maximum Packet Size of " + settings.maximumPacketSizeToServer() + " bytes");
    }
}
