package dev.mqtt5.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.conformance.Covers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MqttStringsTest {

    @Test
    void acceptsWellFormedStringsIncludingSupplementaryCharacters() {
        assertThatCode(() -> MqttStrings.checkSendable("clientId", "", false)).doesNotThrowAnyException();
        assertThatCode(() -> MqttStrings.checkSendable("clientId", "dev-1 ü 漢 😀", false)).doesNotThrowAnyException();
        assertThatCode(() -> MqttStrings.checkSendable("clientId", "x".repeat(65_535), false)).doesNotThrowAnyException();
    }

    @Test
    @Covers("MQTT-1.5.4-2")
    void rejectsUPlus0000NamingTheFieldAndIndex() {
        assertThatThrownBy(() -> MqttStrings.checkSendable("username", "abc\u0000", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("username is not well-formed UTF-8 for MQTT: contains U+0000 at index 3");
    }

    @Test
    @Covers("MQTT-1.5.4-1")
    void rejectsUnpairedSurrogates() {
        assertThatThrownBy(() -> MqttStrings.checkSendable("topic", "a\uD800", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic is not well-formed UTF-8 for MQTT: contains an unpaired surrogate U+D800 at index 1");
        assertThatThrownBy(() -> MqttStrings.checkSendable("topic", "\uDFFFa", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate U+DFFF at index 0");
        assertThatThrownBy(() -> MqttStrings.checkSendable("topic", "\uD83D\uD83D\uDE00", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+D83D at index 0");
    }

    @Test
    @Covers("MQTT-4.7.3-3")
    void rejectsStringsOver65535Utf8Bytes() {
        // 32768 two-byte characters: 32768 chars but 65536 bytes.
        assertThatThrownBy(() -> MqttStrings.checkSendable("contentType", "é".repeat(32_768), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("contentType is 65536 UTF-8 bytes long; MQTT allows at most 65535");
    }

    @Test
    @Covers({"MQTT-1.5.4-1", "MQTT-1.5.4-2"})
    void validatesEveryShapeOfWireUtf8() {
        assertThat(validate("a€😀ü".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(validate(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBF})).isNull(); // U+FFFF is allowed
        assertThat(validate(new byte[] {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF})).isNull(); // U+10FFFF
        assertThat(validate(new byte[] {(byte) 0xED, (byte) 0x9F, (byte) 0xBF})).isNull(); // U+D7FF
        assertThat(validate(new byte[] {(byte) 0xEE, (byte) 0x80, (byte) 0x80})).isNull(); // U+E000
        assertThat(validate(new byte[] {(byte) 0xC1, (byte) 0xBF})).startsWith("overlong");
        assertThat(validate(new byte[] {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF})).startsWith("overlong");
        assertThat(validate(new byte[] {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF})).startsWith("overlong");
        assertThat(validate(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).startsWith("surrogate");
        assertThat(validate(new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80})).startsWith("invalid byte 0xf5");
        assertThat(validate(new byte[] {(byte) 0xE2, (byte) 0x28, (byte) 0xA1})).startsWith("invalid continuation byte 0x28");
        assertThat(validate(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x41}))
                .isEqualTo("invalid continuation byte 0x41 at byte 3");
        assertThat(validate(new byte[] {'a', (byte) 0xF0, (byte) 0x9F, (byte) 0x98})).isEqualTo("truncated sequence at byte 1");
        assertThat(validate(new byte[] {0})).isEqualTo("contains U+0000 at byte 0");
    }

    @Test
    void readsOnlyTheStringsOwnBytes() {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {0, 2, (byte) 0xC3, (byte) 0xBC, (byte) 0xFF});
        assertThat(MqttStrings.read(buf, "PUBLISH", "Topic Name")).isEqualTo("ü");
        assertThat(buf.readableBytes()).isEqualTo(1);
    }

    /** Code points MQTT 5.0 section 1.5.4 says a sender should not send: each category and its edges. */
    @ParameterizedTest
    @ValueSource(ints = {0x0001, 0x0009, 0x000A, 0x000D, 0x001F, 0x007F, 0x0080, 0x0085, 0x009F,
        0xFDD0, 0xFDE0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x1FFFF, 0x2FFFE, 0xEFFFF, 0x10FFFE, 0x10FFFF})
    void refusesEveryDiscouragedCodePointNamingItAndItsIndexUnlessAllowed(int codePoint) {
        String value = "ab" + Character.toString(codePoint) + "c";
        String kind = codePoint < 0xA0 ? "the control character" : "the Unicode non-character";
        assertThatThrownBy(() -> MqttStrings.checkSendable("publish contentType", value, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(String.format("publish contentType contains %s U+%04X at index 2, ", kind,
                        codePoint))
                .hasMessageContaining("MQTT 5.0 (section 1.5.4)")
                .hasMessageEndingWith("if your broker accepts it, set Mqtt5ClientOptions.allowDiscouragedCharacters"
                        + "(true) (Spring Boot: aws.iot.mqtt5.allow-discouraged-characters=true)");
        assertThat(MqttStrings.firstUnsendable(value, false)).isEqualTo(2);
        assertThatCode(() -> MqttStrings.checkSendable("publish contentType", value, true)).doesNotThrowAnyException();
    }

    /** The neighbours of every discouraged range, and supplementary characters, are fine. */
    @ParameterizedTest
    @ValueSource(ints = {0x0020, 0x007E, 0x00A0, 0x00FF, 0xD7FF, 0xE000, 0xFDCF, 0xFDF0, 0xFEFF, 0xFFFD,
        0x10000, 0x1F600, 0x1FFFD, 0x20000, 0x2FFFD, 0x10FFFD})
    void acceptsTheCodePointsNextToTheDiscouragedRangesAndSupplementaryCharacters(int codePoint) {
        String value = "a" + Character.toString(codePoint) + "b";
        assertThat(MqttStrings.firstUnsendable(value, false)).isEqualTo(-1);
        assertThatCode(() -> MqttStrings.checkSendable("topic", value, false)).doesNotThrowAnyException();
    }

    @Test
    void aDiscouragedCharacterInAUserPropertyIsReportedWithThePropertysIndex() {
        assertThatThrownBy(() -> MqttStrings.checkSendable("publish userProperties", 2, "value", "one\ntwo", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("publish userProperties[2].value contains the control character U+000A at "
                        + "index 3, ");
        assertThatThrownBy(() -> MqttStrings.checkSendable("subscribe userProperties", 0, "name", "\uFFFE", false))
                .hasMessageStartingWith("subscribe userProperties[0].name contains the Unicode non-character U+FFFE "
                        + "at index 0, ");
        assertThatCode(() -> MqttStrings.checkSendable("publish userProperties", 2, "value", "one\ntwo", true))
                .doesNotThrowAnyException();
    }

    @Test
    void aSupplementaryNonCharacterIsReportedAsOneCodePointAtItsHighSurrogate() {
        String value = "x" + Character.toString(0x1FFFF);
        assertThatThrownBy(() -> MqttStrings.checkSendable("topic", value, false))
                .hasMessageStartingWith("topic contains the Unicode non-character U+1FFFF at index 1, ");
    }

    @Test
    @Covers({"MQTT-1.5.4-1", "MQTT-1.5.4-2"})
    void uPlus0000AndUnpairedSurrogatesStayRefusedWhenDiscouragedCharactersAreAllowed() {
        assertThatThrownBy(() -> MqttStrings.checkSendable("username", "abc\u0000", true))
                .hasMessage("username is not well-formed UTF-8 for MQTT: contains U+0000 at index 3");
        assertThatThrownBy(() -> MqttStrings.checkSendable("topic", "a\uD800", true))
                .hasMessage("topic is not well-formed UTF-8 for MQTT: contains an unpaired surrogate U+D800 at index 1");
        assertThatThrownBy(() -> MqttStrings.checkSendable("topic", "\uDC00\uD800", true))
                .hasMessageContaining("unpaired surrogate U+DC00 at index 0");
        assertThatThrownBy(() -> MqttStrings.checkSendable("list", 1, "value", "a\u0000", true))
                .hasMessage("list[1].value is not well-formed UTF-8 for MQTT: contains U+0000 at index 1");
    }

    @Test
    void theLengthLimitStillAppliesToLongStringsOfEitherKind() {
        assertThatCode(() -> MqttStrings.checkSendable("contentType", "é".repeat(32_767), false))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> MqttStrings.checkSendable("publish userProperties", 0, "value", "é".repeat(32_768),
                false)).hasMessage("publish userProperties[0].value is 65536 UTF-8 bytes long; MQTT allows at most 65535");
    }

    private static String validate(byte[] bytes) {
        return MqttStrings.validate(Unpooled.wrappedBuffer(bytes), 0, bytes.length);
    }
}
