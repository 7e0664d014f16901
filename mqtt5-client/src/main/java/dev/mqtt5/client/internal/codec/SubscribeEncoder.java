package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.Subscription;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Encodes SUBSCRIBE (MQTT 5.0 section 3.8): packet identifier, properties (Subscription Identifier, User
 * Properties), then each topic filter followed by its subscription options byte.
 */
final class SubscribeEncoder implements OutboundPacket {

    private static final String PACKET = "SUBSCRIBE";

    private final SubscribePacket packet;
    private final int[] userPropertyLengths;
    private final int[] filterLengths;
    private final int propertyLength;
    private final int remainingLength;
    private final int encodedSize;

    SubscribeEncoder(SubscribePacket packet) {
        this.packet = packet;
        userPropertyLengths = PropertyWriter.userPropertyLengths(PACKET, packet.userProperties());
        Integer identifier = packet.subscriptionIdentifier();
        propertyLength = PropertyWriter.userPropertiesSize(userPropertyLengths)
                + (identifier == null ? 0 : 1 + VariableByteInteger.size(identifier));
        List<Subscription> subscriptions = packet.subscriptions();
        filterLengths = new int[subscriptions.size()];
        long remaining = 2L + PropertyWriter.blockSize(propertyLength);
        for (int i = 0; i < filterLengths.length; i++) {
            filterLengths[i] = MqttStrings.encodedLength("SUBSCRIBE topic filter", subscriptions.get(i).topicFilter());
            remaining += 2 + filterLengths[i] + 1;
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
        // SUBSCRIBE's fixed header flags are 0b0010 [MQTT-3.8.1-1].
        PropertyWriter.writeFixedHeader(out, 0x82, remainingLength);
        out.writeShort(packetId);
        VariableByteInteger.write(out, propertyLength);
        if (packet.subscriptionIdentifier() != null) {
            PropertyWriter.writeVariableByteInteger(out, Property.SUBSCRIPTION_IDENTIFIER, packet.subscriptionIdentifier());
        }
        PropertyWriter.writeUserProperties(out, packet.userProperties(), userPropertyLengths);
        List<Subscription> subscriptions = packet.subscriptions();
        for (int i = 0; i < filterLengths.length; i++) {
            Subscription s = subscriptions.get(i);
            MqttStrings.write(out, s.topicFilter(), filterLengths[i]);
            out.writeByte(s.qos().value() | (s.noLocal() ? 0b100 : 0) | (s.retainAsPublished() ? 0b1000 : 0)
                    | (s.retainHandling().value() << 4));
        }
    }
}
