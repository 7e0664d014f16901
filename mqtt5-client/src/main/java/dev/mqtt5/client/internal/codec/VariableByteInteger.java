package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.exception.MqttProtocolException;
import io.netty.buffer.ByteBuf;

/** The Variable Byte Integer of MQTT 5.0 section 1.5.5: 7 bits per byte, least significant group first, at most 4 bytes. */
final class VariableByteInteger {

    /** The largest value four bytes can carry; also the largest Remaining Length. */
    static final int MAX_VALUE = 268_435_455;

    private VariableByteInteger() {
    }

    /**
     * Reads one integer from a packet body whose end is the end of {@code buf}.
     *
     * @throws MqttProtocolException (malformed) when it runs past the end, is longer than 4 bytes or is not minimal
     */
    static int read(ByteBuf buf, String packet, String field) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            if (!buf.isReadable()) {
                throw MqttProtocolException.malformed(packet + ": " + field + " overruns the packet");
            }
            int b = buf.readUnsignedByte();
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                // [MQTT-1.5.5-1] asks for the fewest bytes; a trailing zero group is padding a peer must not send.
                if (i > 0 && b == 0) {
                    throw MqttProtocolException.malformed(packet + ": " + field + " is not minimally encoded");
                }
                return value;
            }
        }
        throw MqttProtocolException.malformed(packet + ": " + field + " is longer than 4 bytes");
    }

    /** The number of bytes {@code value} takes on the wire. */
    static int size(int value) {
        if (value < 128) {
            return 1;
        }
        if (value < 16_384) {
            return 2;
        }
        if (value < 2_097_152) {
            return 3;
        }
        return 4;
    }

    /** Writes {@code value}, 0 to {@link #MAX_VALUE}. */
    static void write(ByteBuf out, int value) {
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            out.writeByte(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }
}
