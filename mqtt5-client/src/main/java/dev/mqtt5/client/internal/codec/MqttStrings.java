package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.exception.MqttProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 Encoded Strings as MQTT 5.0 section 1.5.4 defines them: well-formed UTF-8, no U+0000, no
 * surrogate code points, at most 65535 bytes; and, in what the client sends, none of the characters the section
 * says a sender should not send (received strings may hold them: the client accepts what the server sends).
 */
public final class MqttStrings {

    /** The largest number of bytes a UTF-8 string or binary field can carry (its length prefix is two bytes). */
    public static final int MAX_LENGTH = 65_535;

    private MqttStrings() {
    }

    /**
     * Checks a string the application wants to send; called on the caller's thread before an operation is queued.
     * Refuses what MQTT forbids (U+0000, unpaired surrogates, over 65535 bytes) and, unless
     * {@code allowDiscouraged}, what section 1.5.4 says a sender should not send: the control characters
     * U+0001..U+001F and U+007F..U+009F, and the Unicode non-characters (U+FDD0..U+FDEF, and U+xFFFE and U+xFFFF in
     * every plane). Brokers such as mosquitto close the connection on those.
     *
     * @param field the name of the setting or field, used in the message
     * @param value the string, not null
     * @param allowDiscouraged whether to send the discouraged characters anyway
     * @throws IllegalArgumentException naming the field, the character and its index
     */
    public static void checkSendable(String field, String value, boolean allowDiscouraged) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        int refused = firstUnsendable(value, allowDiscouraged);
        if (refused >= 0) {
            throw unsendable(field, value, refused);
        }
        checkLength(field, value);
    }

    /**
     * {@link #checkSendable(String, String, boolean)} for one part of an element of a list, named
     * {@code list[index].part} (e.g. {@code publish userProperties[2].value}); the name is built only for the message.
     */
    public static void checkSendable(String list, int index, String part, String value, boolean allowDiscouraged) {
        if (value == null) {
            throw new IllegalArgumentException(elementName(list, index, part) + " must not be null");
        }
        int refused = firstUnsendable(value, allowDiscouraged);
        if (refused >= 0) {
            throw unsendable(elementName(list, index, part), value, refused);
        }
        if (value.length() > MAX_LENGTH / 3) {
            encodedLength(elementName(list, index, part), value);
        }
    }

    private static String elementName(String list, int index, String part) {
        return list + "[" + index + "]." + part;
    }

    /** A UTF-16 char encodes to at most 3 UTF-8 bytes: a short string needs no count. */
    private static void checkLength(String field, String value) {
        if (value.length() > MAX_LENGTH / 3) {
            encodedLength(field, value);
        }
    }

    /**
     * The index of the first char of {@code value} the client may not send, or -1. One pass, no allocation; printable
     * ASCII, nearly every char of a topic, costs one range test.
     */
    static int firstUnsendable(String value, boolean allowDiscouraged) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                continue;
            }
            if (c < 0xA0) {
                // U+0000 is forbidden; U+0001..U+001F and U+007F..U+009F are discouraged control characters.
                if (c == 0 || !allowDiscouraged) {
                    return i;
                }
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return i;
                }
                if (!allowDiscouraged && isNonCharacter(Character.toCodePoint(c, value.charAt(i + 1)))) {
                    return i;
                }
                i++;
            } else if (!allowDiscouraged && isNonCharacter(c)) {
                return i;
            }
        }
        return -1;
    }

    /** U+FDD0..U+FDEF, and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE, ..., U+10FFFF). */
    static boolean isNonCharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static IllegalArgumentException unsendable(String field, String value, int index) {
        char c = value.charAt(index);
        if (c == 0) {
            return notWellFormed(field, "contains U+0000 at index " + index);
        }
        int codePoint = value.codePointAt(index);
        if (Character.isSurrogate(c) && !Character.isSupplementaryCodePoint(codePoint)) {
            return notWellFormed(field, String.format("contains an unpaired surrogate U+%04X at index %d", (int) c, index));
        }
        String kind = codePoint < 0xA0 ? "the control character" : "the Unicode non-character";
        return new IllegalArgumentException(String.format("%s contains %s U+%04X at index %d, which MQTT 5.0 (section "
                + "1.5.4) says a client should not send: brokers such as mosquitto close the connection on it. Remove "
                + "it, or, if your broker accepts it, set Mqtt5ClientOptions.allowDiscouragedCharacters(true) "
                + "(Spring Boot: aws.iot.mqtt5.allow-discouraged-characters=true)",
                field, kind, codePoint, index));
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
