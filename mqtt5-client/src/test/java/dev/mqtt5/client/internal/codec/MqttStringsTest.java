package dev.mqtt5.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.conformance.Covers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MqttStringsTest {

    @Test
    void acceptsWellFormedStringsIncludingSupplementaryCharacters() {
        assertThatCode(() -> MqttStrings.checkWellFormed("clientId", "")).doesNotThrowAnyException();
        assertThatCode(() -> MqttStrings.checkWellFormed("clientId", "dev-1 ü 漢 😀")).doesNotThrowAnyException();
        assertThatCode(() -> MqttStrings.checkWellFormed("clientId", "x".repeat(65_535))).doesNotThrowAnyException();
    }

    @Test
    @Covers("MQTT-1.5.4-2")
    void rejectsUPlus0000NamingTheFieldAndIndex() {
        assertThatThrownBy(() -> MqttStrings.checkWellFormed("username", "abc\u0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("username is not well-formed UTF-8 for MQTT: contains U+0000 at index 3");
    }

    @Test
    @Covers("MQTT-1.5.4-1")
    void rejectsUnpairedSurrogates() {
        assertThatThrownBy(() -> MqttStrings.checkWellFormed("topic", "a\uD800"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic is not well-formed UTF-8 for MQTT: contains an unpaired surrogate U+D800 at index 1");
        assertThatThrownBy(() -> MqttStrings.checkWellFormed("topic", "\uDFFFa"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate U+DFFF at index 0");
        assertThatThrownBy(() -> MqttStrings.checkWellFormed("topic", "\uD83D\uD83D\uDE00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+D83D at index 0");
    }

    @Test
    @Covers("MQTT-4.7.3-3")
    void rejectsStringsOver65535Utf8Bytes() {
        // 32768 two-byte characters: 32768 chars but 65536 bytes.
        assertThatThrownBy(() -> MqttStrings.checkWellFormed("contentType", "é".repeat(32_768)))
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

    private static String validate(byte[] bytes) {
        return MqttStrings.validate(Unpooled.wrappedBuffer(bytes), 0, bytes.length);
    }
}
