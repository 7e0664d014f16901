package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.packet.UnsubscribePacket;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** Encodes UNSUBSCRIBE (MQTT 5.0 section 3.10): packet identifier, User Properties, then the topic filters. */
final class UnsubscribeEncoder implements OutboundPacket {

    private static final String PACKET = "UNSUBSCRIBE";

    private final UnsubscribePacket packet;
    private final int[] userPropertyLengths;
    private final int[] filterLengths;
    private final int propertyLength;
    private final int remainingLength;
    private final int encodedSize;

    UnsubscribeEncoder(UnsubscribePacket packet) {
        this.packet = packet;
        userPropertyLengths = PropertyWriter.userPropertyLengths(PACKET, packet.userProperties());
        propertyLength = PropertyWriter.userPropertiesSize(userPropertyLengths);
        List<String> filters = packet.topicFilters();
        filterLengths = new int[filters.size()];
        long remaining = 2L + PropertyWriter.blockSize(propertyLength);
        for (int i = 0; i < filterLengths.length; i++) {
            filterLengths[i] = MqttStrings.encodedLength("UNSUBSCRIBE topic filter", filters.get(i));
            remaining += 2 + filterLengths[i];
        }
        encodedSize = PropertyWriter.packetSize(PACKET, remaining);
        remainingLength = (int) remaining;
    }

    @Override
    public int encodedSize() {
        return encodedSize;
    }

    @Override
    public void writeTo(ByteBuf out, int packetId, boolean dup) {
        // UNSUBSCRIBE's fixed header flags are 0b0010 [MQTT-3.10.1-1].
        PropertyWriter.writeFixedHeader(out, 0xA2, remainingLength);
        out.writeShort(packetId);
        VariableByteInteger.write(out, propertyLength);
        PropertyWriter.writeUserProperties(out, packet.userProperties(), userPropertyLengths);
        List<String> filters = packet.topicFilters();
        for (int i = 0; i < filterLengths.length; i++) {
            MqttStrings.write(out, filters.get(i), filterLengths[i]);
        }
    }
}
