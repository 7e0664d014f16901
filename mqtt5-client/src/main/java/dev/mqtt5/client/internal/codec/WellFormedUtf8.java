package dev.mqtt5.client.internal.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that bytes are well-formed UTF-8 as Unicode defines it (table 3-7, as RFC 3629 restates it):
 * no overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence. Unlike MQTT's
 * strings ({@link MqttStrings}) a payload may hold U+0000. Used for payloads whose Payload Format
 * Indicator says UTF-8 (MQTT 5.0 section 3.3.2.3.2), in both directions; allocates nothing, and
 * skips ASCII 32 bytes at a time (measured against the JDK's decoder: see {@code Utf8PayloadBenchmark}).
 */
public final class WellFormedUtf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private WellFormedUtf8() {
    }

    /**
     * The offset of the first byte of the first ill-formed sequence, or -1 when all of {@code bytes} is well-formed.
     */
    public static int firstMalformed(byte[] bytes) {
        int n = bytes.length;
        int i = 0;
        while (true) {
            // A run of ASCII: 32 bytes at a time, then 8, then one at a time.
            while (i + 32 <= n && ((word(bytes, i) | word(bytes, i + 8) | word(bytes, i + 16) | word(bytes, i + 24))
                    & HIGH_BITS) == 0) {
                i += 32;
            }
            while (i + 8 <= n && (word(bytes, i) & HIGH_BITS) == 0) {
                i += 8;
            }
            while (i < n && bytes[i] >= 0) {
                i++;
            }
            if (i == n) {
                return -1;
            }
            // A run of multi-byte sequences, up to the next ASCII byte.
            do {
                int end = sequenceEnd(bytes, i, n);
                if (end < 0) {
                    return i;
                }
                i = end;
            } while (i < n && bytes[i] < 0);
        }
    }

    private static long word(byte[] bytes, int i) {
        return (long) LONGS.get(bytes, i);
    }

    /** Where the multi-byte sequence starting at {@code i} ends, or -1 when it is ill-formed. */
    private static int sequenceEnd(byte[] bytes, int i, int n) {
        int lead = bytes[i] & 0xFF;
        int end;
        int lo = 0x80;
        int hi = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            end = i + 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            end = i + 3;
            if (lead == 0xE0) {
                lo = 0xA0; // below: overlong
            } else if (lead == 0xED) {
                hi = 0x9F; // above: a surrogate
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            end = i + 4;
            if (lead == 0xF0) {
                lo = 0x90; // below: overlong
            } else if (lead == 0xF4) {
                hi = 0x8F; // above: beyond U+10FFFF
            }
        } else {
            return -1; // a continuation byte, C0, C1 or F5..FF
        }
        if (end > n) {
            return -1;
        }
        int second = bytes[i + 1] & 0xFF;
        if (second < lo || second > hi) {
            return -1;
        }
        for (int k = i + 2; k < end; k++) {
            if ((bytes[k] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return end;
    }
}
