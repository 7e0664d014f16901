package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.exception.MqttProtocolException;
import io.netty.buffer.ByteBuf;

/** Bounds-checked reads of fixed-size integers and binary data from a packet body; a short body is a malformed packet. */
final class WireReader {

    private WireReader() {
    }

    /**
     * Limits what can be read from {@code buf} to its next {@code length} bytes by moving its writer
     * index (the bound a slice would give, without a slice object per packet); returns the writer
     * index to put back when the bounded part has been read.
     */
    static int bound(ByteBuf buf, int length) {
        int writerIndex = buf.writerIndex();
        buf.writerIndex(buf.readerIndex() + length);
        return writerIndex;
    }

    static void require(ByteBuf buf, int bytes, String packet, String field) {
        if (buf.readableBytes() < bytes) {
            throw MqttProtocolException.malformed(packet + ": " + field + " overruns the packet");
        }
    }

    static int readUnsignedByte(ByteBuf buf, String packet, String field) {
        require(buf, 1, packet, field);
        return buf.readUnsignedByte();
    }

    static int readUnsignedShort(ByteBuf buf, String packet, String field) {
        require(buf, 2, packet, field);
        return buf.readUnsignedShort();
    }

    static long readUnsignedInt(ByteBuf buf, String packet, String field) {
        require(buf, 4, packet, field);
        return buf.readUnsignedInt();
    }

    /** Reads a Packet Identifier, which must not be 0 (MQTT 5.0 section 2.2.1). */
    static int readPacketId(ByteBuf buf, String packet) {
        int id = readUnsignedShort(buf, packet, "Packet Identifier");
        if (id == 0) {
            throw MqttProtocolException.protocolError(packet + ": Packet Identifier must not be 0");
        }
        return id;
    }

    /** Reads Binary Data: a two-byte length, then that many bytes, copied once. */
    static byte[] readBinary(ByteBuf buf, String packet, String field) {
        int length = readUnsignedShort(buf, packet, field + " length");
        require(buf, length, packet, field);
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        return bytes;
    }

    /** Fails when bytes are left over where the specification puts nothing after the last field. */
    static void requireFullyRead(ByteBuf buf, String packet) {
        if (buf.isReadable()) {
            throw MqttProtocolException.malformed(
                    packet + ": " + buf.readableBytes() + " trailing bytes after the end of the packet");
        }
    }
}
