package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Frames the bytes a server sends into MQTT 5 packets and hands each body to the decoder of its packet kind.
 *
 * <pre>
 *   bit     7   6   5   4   3   2   1   0
 *         +---------------+---------------+
 * byte 1  |  packet type  |     flags     |   type 0..15 indexes the decoder table; flags checked per type
 *         +---------------+---------------+
 * byte 2  | C |  remaining length bits    |   Variable Byte Integer, 1 to 4 bytes,
 *  ...    | C |  (7 bits per byte, LSB    |   C = 1 means another byte follows
 * byte 5  | 0 |   group first)            |
 *         +---+---------------------------+
 *         |  body: exactly "remaining     |   variable header, properties, payload;
 *         |  length" bytes                |   read by one small PacketDecoder
 *         +-------------------------------+
 *
 *  packet size = 1 + (bytes of remaining length) + remaining length   must be &lt;= maximumPacketSize
 * </pre>
 *
 * <p>The size is checked as soon as the remaining length is complete, before the body has arrived, so a peer that
 * announces 256 MiB and sends ten bytes costs nothing. A PUBLISH may be as large as the client's Maximum Packet
 * Size; every other packet (CONNACK above all, which arrives before anything is negotiated) at most
 * {@link #CONTROL_PACKET_LIMIT} bytes, whatever the Maximum Packet Size: what a connection holds for a packet in
 * progress is so bounded by the client's configuration, never by what a server announces. The type and flags are checked as soon as the first byte
 * is there.
 *
 * <p>Emits {@link dev.mqtt5.client.packet.ConnAckPacket}, {@link InboundPublish}, {@link InboundAck} (of PUBACK,
 * PUBREC, PUBREL, PUBCOMP, SUBACK and UNSUBACK), {@link PingResp#INSTANCE},
 * {@link dev.mqtt5.client.packet.DisconnectPacket} and {@link dev.mqtt5.client.packet.AuthPacket}. A violation
 * raises a {@link MqttProtocolException} (Netty delivers it to {@code exceptionCaught} wrapped in a
 * {@link io.netty.handler.codec.DecoderException}); from then on every byte is discarded, since framing is lost.
 * Runs on the channel's event loop only.
 *
 * <p>Open for one purpose: the engine's connection handler extends it and takes each packet from
 * {@link #decode} itself, so that a connection's pipeline holds one MQTT handler, not two.
 */
public class Mqtt5Decoder extends ByteToMessageDecoder {

    /** The largest packet MQTT can express: 1 + 4 + 268435455; pass it for "no limit". */
    public static final long NO_LIMIT = 1 + 4 + VariableByteInteger.MAX_VALUE;

    /**
     * The largest packet other than PUBLISH the client takes, 64 KiB: far above what acks, CONNACK, DISCONNECT and
     * AUTH carry in practice (reason strings, user properties, authentication data), far below what would let a
     * server make the client buffer megabytes before anything is negotiated.
     */
    public static final int CONTROL_PACKET_LIMIT = 64 * 1024;

    private static final String[] NAMES = {"reserved packet type 0", "CONNECT", "CONNACK", "PUBLISH", "PUBACK",
        "PUBREC", "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP",
        "DISCONNECT", "AUTH"};

    /** Indexed by packet type; null for the types a server must never send to a client. */
    private static final PacketDecoder[] DECODERS = new PacketDecoder[16];

    /** The fixed header flags each type requires (MQTT 5.0 section 2.1.3); PUBLISH is checked on its own. */
    private static final int[] REQUIRED_FLAGS = new int[16];

    private static final int PUBLISH = 3;

    static {
        DECODERS[2] = ConnAckDecoder.INSTANCE;
        DECODERS[3] = PublishDecoder.INSTANCE;
        DECODERS[4] = AckDecoder.PUBACK;
        DECODERS[5] = AckDecoder.PUBREC;
        DECODERS[6] = AckDecoder.PUBREL;
        DECODERS[7] = AckDecoder.PUBCOMP;
        DECODERS[9] = SubscriptionAckDecoder.SUBACK;
        DECODERS[11] = SubscriptionAckDecoder.UNSUBACK;
        DECODERS[13] = PingResp.DECODER;
        DECODERS[14] = DisconnectDecoder.INSTANCE;
        DECODERS[15] = AuthDecoder.INSTANCE;
        REQUIRED_FLAGS[6] = 0b0010;
    }

    private final long maximumPacketSize;
    private boolean failed;

    /**
     * @param maximumPacketSize the Maximum Packet Size the client announced in its CONNECT, or {@link #NO_LIMIT}
     */
    public Mqtt5Decoder(long maximumPacketSize) {
        if (maximumPacketSize < 2) {
            throw new IllegalArgumentException("maximumPacketSize must be at least 2, was " + maximumPacketSize);
        }
        this.maximumPacketSize = maximumPacketSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeOne(in, out);
        } catch (MqttProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private void decodeOne(ByteBuf in, List<Object> out) {
        int available = in.readableBytes();
        if (available < 1) {
            return;
        }
        int start = in.readerIndex();
        int first = in.getUnsignedByte(start);
        int type = first >>> 4;
        int flags = first & 0x0F;
        checkTypeAndFlags(type, flags);

        int remainingLength = 0;
        int headerLength = 0;
        for (int i = 0; headerLength == 0; i++) {
            if (i == 4) {
                throw MqttProtocolException.malformed(NAMES[type] + ": Remaining Length is longer than 4 bytes");
            }
            if (1 + i >= available) {
                return; // the remaining length is not complete yet
            }
            int b = in.getUnsignedByte(start + 1 + i);
            remainingLength |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (i > 0 && b == 0) {
                    throw MqttProtocolException.malformed(NAMES[type] + ": Remaining Length is not minimally encoded");
                }
                headerLength = 2 + i;
            }
        }
        long packetSize = headerLength + (long) remainingLength;
        if (type != PUBLISH && packetSize > CONTROL_PACKET_LIMIT) {
            throw new MqttProtocolException(DisconnectReasonCode.PACKET_TOO_LARGE, NAMES[type] + ": packet size "
                    + packetSize + " exceeds the client's limit of " + CONTROL_PACKET_LIMIT
                    + " bytes for packets other than PUBLISH");
        }
        if (packetSize > maximumPacketSize) {
            throw new MqttProtocolException(DisconnectReasonCode.PACKET_TOO_LARGE, NAMES[type] + ": packet size "
                    + packetSize + " exceeds the client's Maximum Packet Size " + maximumPacketSize);
        }
        if (available < packetSize) {
            return; // wait for the body; nothing is allocated for it in the meantime
        }
        in.skipBytes(headerLength);
        // The decoder reads the packet's bytes and nothing after them.
        int end = in.readerIndex() + remainingLength;
        int writerIndex = WireReader.bound(in, remainingLength);
        try {
            out.add(DECODERS[type].decode(in, flags));
        } finally {
            in.writerIndex(writerIndex);
            in.readerIndex(end);
        }
    }

    private static void checkTypeAndFlags(int type, int flags) {
        if (DECODERS[type] == null) {
            if (type == 0) {
                throw MqttProtocolException.malformed("reserved packet type 0 received");
            }
            throw MqttProtocolException.protocolError(NAMES[type] + ": a server must not send this packet type");
        }
        if (type == PUBLISH) {
            int qos = (flags >> 1) & 0b11;
            if (qos == 3) {
                throw MqttProtocolException.malformed("PUBLISH: QoS 3 in the fixed header flags");
            }
            if (qos == 0 && (flags & 0b1000) != 0) {
                throw MqttProtocolException.malformed("PUBLISH: DUP flag set in the fixed header flags of a QoS 0 message");
            }
        } else if (flags != REQUIRED_FLAGS[type]) {
            throw MqttProtocolException.malformed(NAMES[type] + ": invalid fixed header flags 0b"
                    + bits(flags) + ", expected 0b" + bits(REQUIRED_FLAGS[type]));
        }
    }

    private static String bits(int flags) {
        String s = Integer.toBinaryString(flags | 0x10);
        return s.substring(1);
    }
}
