package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.packet.UserProperty;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Sizes and writes properties and the fixed header of outgoing packets. Every string length is computed once by
 * the encoder's constructor and passed in, so writing does no second UTF-8 pass.
 */
final class PropertyWriter {

    private PropertyWriter() {
    }

    /** The size of a UTF-8 string property whose value is {@code utf8Length} bytes. */
    static int stringSize(int utf8Length) {
        return 1 + 2 + utf8Length;
    }

    static void writeByte(ByteBuf out, Property p, int value) {
        out.writeByte(p.id);
        out.writeByte(value);
    }

    static void writeShort(ByteBuf out, Property p, int value) {
        out.writeByte(p.id);
        out.writeShort(value);
    }

    static void writeInt(ByteBuf out, Property p, long value) {
        out.writeByte(p.id);
        out.writeInt((int) value);
    }

    static void writeVariableByteInteger(ByteBuf out, Property p, int value) {
        out.writeByte(p.id);
        VariableByteInteger.write(out, value);
    }

    /** Writes a string property if {@code value} is not null. */
    static void writeString(ByteBuf out, Property p, String value, int utf8Length) {
        if (value != null) {
            out.writeByte(p.id);
            MqttStrings.write(out, value, utf8Length);
        }
    }

    /** Writes a binary property if {@code value} is not null. */
    static void writeBinary(ByteBuf out, Property p, byte[] value) {
        if (value != null) {
            out.writeByte(p.id);
            out.writeShort(value.length);
            out.writeBytes(value);
        }
    }

    /** UTF-8 lengths of a packet's User Properties, name then value for each, computed once. */
    static int[] userPropertyLengths(String packet, List<UserProperty> properties) {
        if (properties.isEmpty()) {
            return NO_LENGTHS;
        }
        int[] lengths = new int[properties.size() * 2];
        for (int i = 0; i < properties.size(); i++) {
            UserProperty property = properties.get(i);
            lengths[2 * i] = MqttStrings.encodedLength(packet + " User Property name", property.name());
            lengths[2 * i + 1] = MqttStrings.encodedLength(packet + " User Property value", property.value());
        }
        return lengths;
    }

    private static final int[] NO_LENGTHS = new int[0];

    /** The size of all User Properties, given the lengths from {@link #userPropertyLengths}. */
    static int userPropertiesSize(int[] lengths) {
        long size = 0;
        for (int i = 0; i < lengths.length; i += 2) {
            size += 1 + 2 + lengths[i] + 2 + lengths[i + 1];
        }
        // Checked here so that the sums callers build from this stay far from int overflow.
        if (size > VariableByteInteger.MAX_VALUE) {
            throw new IllegalArgumentException("User Properties take " + size + " bytes; MQTT allows at most "
                    + VariableByteInteger.MAX_VALUE + " in one packet");
        }
        return (int) size;
    }

    static void writeUserProperties(ByteBuf out, List<UserProperty> properties, int[] lengths) {
        for (int i = 0; i < properties.size(); i++) {
            UserProperty property = properties.get(i);
            out.writeByte(Property.USER_PROPERTY.id);
            MqttStrings.write(out, property.name(), lengths[2 * i]);
            MqttStrings.write(out, property.value(), lengths[2 * i + 1]);
        }
    }

    /** The size of a property block: its Property Length followed by the properties. */
    static int blockSize(int propertyLength) {
        return VariableByteInteger.size(propertyLength) + propertyLength;
    }

    /**
     * The total packet size for a remaining length.
     *
     * @throws IllegalArgumentException naming the packet when the remaining length exceeds 268435455
     */
    static int packetSize(String packet, long remainingLength) {
        if (remainingLength > VariableByteInteger.MAX_VALUE) {
            throw new IllegalArgumentException(packet + " is too large: remaining length " + remainingLength
                    + " exceeds " + VariableByteInteger.MAX_VALUE);
        }
        return 1 + VariableByteInteger.size((int) remainingLength) + (int) remainingLength;
    }

    static void writeFixedHeader(ByteBuf out, int firstByte, int remainingLength) {
        out.writeByte(firstByte);
        VariableByteInteger.write(out, remainingLength);
    }
}
