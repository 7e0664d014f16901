package dev.mqtt5.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WellFormedUtf8Test {

    private static int firstMalformed(int... bytes) {
        byte[] array = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            array[i] = (byte) bytes[i];
        }
        return WellFormedUtf8.firstMalformed(array);
    }

    @Test
    void acceptsEveryShapeOfWellFormedUtf8IncludingUPlus0000() {
        assertThat(WellFormedUtf8.firstMalformed(new byte[0])).isEqualTo(-1);
        assertThat(WellFormedUtf8.firstMalformed("plain ASCII longer than eight bytes".getBytes())).isEqualTo(-1);
        assertThat(WellFormedUtf8.firstMalformed("a\u0000b naïve € 😀 \uFFFF".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(-1);
        assertThat(firstMalformed(0x7F, 0xC2, 0x80, 0xDF, 0xBF)).isEqualTo(-1);             // U+007F, U+0080, U+07FF
        assertThat(firstMalformed(0xE0, 0xA0, 0x80, 0xED, 0x9F, 0xBF, 0xEE, 0x80, 0x80)).isEqualTo(-1); // U+0800, U+D7FF, U+E000
        assertThat(firstMalformed(0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF)).isEqualTo(-1); // U+10000, U+10FFFF
    }

    @Test
    void reportsTheOffsetOfTheFirstIllFormedSequence() {
        assertThat(firstMalformed(0xC3, 0x28)).isEqualTo(0);                       // a lead byte without continuation
        assertThat(firstMalformed('a', 'b', 0x80)).isEqualTo(2);                   // a lone continuation byte
        assertThat(firstMalformed(0xC0, 0xAF)).isEqualTo(0);                       // overlong '/'
        assertThat(firstMalformed(0xC1, 0xBF)).isEqualTo(0);                       // overlong
        assertThat(firstMalformed('x', 0xE0, 0x9F, 0xBF)).isEqualTo(1);            // overlong three-byte
        assertThat(firstMalformed(0xF0, 0x8F, 0xBF, 0xBF)).isEqualTo(0);           // overlong four-byte
        assertThat(firstMalformed(0xED, 0xA0, 0x80)).isEqualTo(0);                 // surrogate U+D800
        assertThat(firstMalformed(0xF4, 0x90, 0x80, 0x80)).isEqualTo(0);           // U+110000
        assertThat(firstMalformed(0xF5, 0x80, 0x80, 0x80)).isEqualTo(0);           // never a lead byte
        assertThat(firstMalformed(0xFF)).isEqualTo(0);
        assertThat(firstMalformed('a', 0xE2, 0x82)).isEqualTo(1);                  // truncated at the end
        assertThat(firstMalformed(0xE2, 0x82, 0x41)).isEqualTo(0);                 // third byte not a continuation
        assertThat(firstMalformed(0xF0, 0x9F, 0x98, 0x41)).isEqualTo(0);           // fourth byte not a continuation
    }

    @Test
    void findsAnIllFormedByteOnEitherSideOfAnEightByteAsciiRun() {
        for (int at = 0; at < 40; at++) {
            byte[] bytes = "0123456789abcdefghijklmnopqrstuvwxyzABCD".getBytes();
            bytes[at] = (byte) 0xC3;
            if (at + 1 < bytes.length) {
                bytes[at + 1] = 0x28;
            }
            assertThat(WellFormedUtf8.firstMalformed(bytes)).as("at %d", at).isEqualTo(at);
        }
    }

    /** The JDK's decoder is an independent oracle: same verdict and same offset on random, mostly-UTF-8 bytes. */
    @Test
    void agreesWithTheJdkDecoderOnRandomInput() {
        Random random = new Random(20_240_613);
        String alphabet = "aZ0 /\u0000\u007F\u0080\u07FF\u0800\uD7FF\uE000\uFFFD\uFFFF😀\uDBFF\uDFFF";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                int pick = random.nextInt(alphabet.length());
                if (Character.isHighSurrogate(alphabet.charAt(pick))) {
                    text.append(alphabet, pick, pick + 2);
                } else if (!Character.isLowSurrogate(alphabet.charAt(pick))) {
                    text.append(alphabet.charAt(pick));
                }
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            assertThat(WellFormedUtf8.firstMalformed(bytes)).as("%s", java.util.HexFormat.of().formatHex(bytes))
                    .isEqualTo(jdkFirstMalformed(bytes));
        }
    }

    private static int jdkFirstMalformed(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length * 2), true);
        return result.isError() ? in.position() : -1;
    }
}
