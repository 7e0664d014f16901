package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.exception.MqttProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 Encoded Strings as MQTT 5.0 section 1.5.4 defines them: well-formed UTF-8, no U+0000, no
 * surrogate code points, at most 65535 bytes.
 */
public final class MqttStrings {

    /** The largest number of bytes a UTF-8 string or binary field can carry (its length prefix is two bytes). */
    public static final int MAX_LENGTH = 65_535;

    private MqttStrings() {
    }

    /**
     * Checks a string the application wants to send; called on the caller's thread before an operation is queued.
     *
     * @param field the name of the setting or field, used in the message
     * @param value the string, not null
     * @throws IllegalArgumentException naming the field when the value contains U+0000 or an unpaired
     *         surrogate, or encodes to more than 65535 bytes
     */
    public static void checkWellFormed(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw notWellFormed(field, "contains U+0000 at index " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw notWellFormed(field, String.format("contains an unpaired surrogate U+%04X at index %d", (int) c, i));
            }
        }
        encodedLength(field, value);
    }

    private static IllegalArgumentException notWellFormed(String field, String why) {
        return new IllegalArgumentException(field + " is not well-formed UTF-8 for MQTT: " + why);
    }

    /**
     * The UTF-8 length of a string an encoder is about to write.
     *
     * @throws IllegalArgumentException naming the field when it exceeds 65535 bytes
     */
    static int encodedLength(String field, String value) {
        int length = ByteBufUtil.utf8Bytes(value);
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    field + " is " + length + " UTF-8 bytes long; MQTT allows at most " + MAX_LENGTH);
        }
        return length;
    }

    /** The length of binary data an encoder is about to write, checked like {@link #encodedLength}. */
    static int binaryLength(String field, byte[] value) {
        if (value.length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    field + " is " + value.length + " bytes long; MQTT allows at most " + MAX_LENGTH);
        }
        return value.length;
    }

    /** Writes a two-byte length and the string's UTF-8 bytes; {@code length} is the precomputed UTF-8 length. */
    static void write(ByteBuf out, String value, int length) {
        out.writeShort(length);
        ByteBufUtil.reserveAndWriteUtf8(out, value, length);
    }

    /**
     * Reads a UTF-8 Encoded String and checks that it is well-formed.
     *
     * @throws MqttProtocolException (malformed) when it overruns the packet or is ill-formed
     */
    static String read(ByteBuf buf, String packet, String field) {
        int length = WireReader.readUnsignedShort(buf, packet, field + " length");
        WireReader.require(buf, length, packet, field);
        int start = buf.readerIndex();
        String problem = validate(buf, start, length);
        if (problem != null) {
            throw MqttProtocolException.malformed(packet + ": " + field + " is not well-formed UTF-8: " + problem);
        }
        buf.skipBytes(length);
        return buf.toString(start, length, StandardCharsets.UTF_8);
    }

    /**
     * Validates UTF-8 strictly (Unicode table 3-7): rejects overlong forms, surrogates, values above U+10FFFF and
     * truncated sequences, and U+0000 which MQTT forbids.
     *
     * @return null when well-formed, otherwise what is wrong and at which byte offset
     */
    static String validate(ByteBuf buf, int start, int length) {
        int end = start + length;
        int i = start;
        while (i < end) {
            int b = buf.getUnsignedByte(i);
            if (b < 0x80) {
                if (b == 0) {
                    return "contains U+0000 at byte " + (i - start);
                }
                i++;
                continue;
            }
            int continuation;
            int lo = 0x80;
            int hi = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                continuation = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                continuation = 2;
                if (b == 0xE0) {
                    lo = 0xA0;
                } else if (b == 0xED) {
                    hi = 0x9F;
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                continuation = 3;
                if (b == 0xF0) {
                    lo = 0x90;
                } else if (b == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                return invalid(b, i - start);
            }
            if (i + continuation >= end) {
                return "truncated sequence at byte " + (i - start);
            }
            int second = buf.getUnsignedByte(i + 1);
            if (second < lo || second > hi) {
                return describeSecond(b, second, i - start);
            }
            for (int k = 2; k <= continuation; k++) {
                int next = buf.getUnsignedByte(i + k);
                if (next < 0x80 || next > 0xBF) {
                    return "invalid continuation byte 0x" + Integer.toHexString(next) + " at byte " + (i - start + k);
                }
            }
            i += continuation + 1;
        }
        return null;
    }

    private static String invalid(int b, int offset) {
        return b == 0xC0 || b == 0xC1
                ? "overlong encoding at byte " + offset
                : "invalid byte 0x" + Integer.toHexString(b) + " at byte " + offset;
    }

    private static String describeSecond(int lead, int second, int offset) {
        if (lead == 0xED && second >= 0xA0 && second <= 0xBF) {
            return "surrogate code point at byte " + offset;
        }
        if ((lead == 0xE0 || lead == 0xF0) && second >= 0x80 && second <= 0xBF) {
            return "overlong encoding at byte " + offset;
        }
        if (lead == 0xF4 && second >= 0x90 && second <= 0xBF) {
            return "code point above U+10FFFF at byte " + offset;
        }
        return "invalid continuation byte 0x" + Integer.toHexString(second) + " at byte " + (offset + 1);
    }
}
