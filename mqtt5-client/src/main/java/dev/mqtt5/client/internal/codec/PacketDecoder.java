package dev.mqtt5.client.internal.codec;

import io.netty.buffer.ByteBuf;

/** Decodes the body of one packet kind; the framing decoder has already checked the type, flags and size. */
interface PacketDecoder {

    /**
     * @param body a buffer whose readable bytes are exactly the Remaining Length bytes of the
     *     packet (the framing decoder's own buffer, bounded for this call: read it, copy out what
     *     is kept, and do not retain or keep it)
     * @param flags the low four bits of the fixed header
     * @return the decoded packet, one of the types {@link Mqtt5Decoder} emits
     */
    Object decode(ByteBuf body, int flags);
}
