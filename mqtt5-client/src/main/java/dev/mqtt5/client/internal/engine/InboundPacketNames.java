package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.internal.codec.InboundAck;
import dev.mqtt5.client.internal.codec.InboundPublish;
import java.util.Locale;

/** The MQTT name of a decoded inbound packet ("PUBLISH", "SUBACK"...), for error messages. */
final class InboundPacketNames {

    private InboundPacketNames() {
    }

    static String of(Object msg) {
        Object packet = msg instanceof InboundAck<?> ack ? ack.packet() : msg;
        if (packet instanceof InboundPublish) {
            return "PUBLISH";
        }
        return packet.getClass().getSimpleName().replace("Packet", "").toUpperCase(Locale.ROOT);
    }
}
