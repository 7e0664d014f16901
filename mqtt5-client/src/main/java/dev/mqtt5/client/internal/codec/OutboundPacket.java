package dev.mqtt5.client.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * A packet ready to be written; its encoded size is computed once, at construction, so the engine can compare it
 * with the server's Maximum Packet Size and count it in its statistics before writing.
 */
public interface OutboundPacket {

    /** The total number of bytes, fixed header included. */
    int encodedSize();

    /**
     * Writes exactly {@link #encodedSize()} bytes without allocating anything beyond {@code out}.
     *
     * @param out the buffer to write to
     * @param packetId the Packet Identifier, used only by packets that carry one (QoS 1/2 PUBLISH, PUBACK, PUBREC,
     *        PUBREL, PUBCOMP, SUBSCRIBE, UNSUBSCRIBE)
     * @param dup the DUP flag, used only by PUBLISH
     */
    void writeTo(ByteBuf out, int packetId, boolean dup);
}
