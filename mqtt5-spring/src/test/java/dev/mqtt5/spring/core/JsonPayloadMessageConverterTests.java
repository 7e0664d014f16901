package dev.mqtt5.spring.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.MimeType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonPayloadMessageConverterTests {

    private final JsonMapper mapper = JsonMapper.builder().build();

    private final JsonPayloadMessageConverter converter = new JsonPayloadMessageConverter(this.mapper);

    private final JacksonJsonMessageConverter spring = new JacksonJsonMessageConverter(this.mapper);

    record Reading(String device, double celsius, String note) {
    }

    interface Summary {
    }

    static class Viewed {

        @JsonView(Summary.class)
        public String device = "d-1";

        public String secret = "hidden";
    }

    @Test
    void writesTheSameBytesAsSpringsConverterWithItsContentType() {
        Reading reading = new Reading("thermostat-1", 21.5, "é ✓");
        Message<?> ours = this.converter.toMessage(reading, null);
        Message<?> theirs = this.spring.toMessage(reading, null);
        assertThat((byte[]) ours.getPayload()).isEqualTo((byte[]) theirs.getPayload())
            .asString(StandardCharsets.UTF_8).isEqualTo("{\"device\":\"thermostat-1\",\"celsius\":21.5,\"note\":\"é ✓\"}");
        assertThat(ours.getHeaders().get(MessageHeaders.CONTENT_TYPE))
            .isEqualTo(theirs.getHeaders().get(MessageHeaders.CONTENT_TYPE));
        assertThat(this.converter.fromMessage(ours, Reading.class)).isEqualTo(reading);
    }

    @Test
    void anotherCharsetIsWrittenInThatCharset() {
        MessageHeaders headers = new MessageHeaders(
                Map.of(MessageHeaders.CONTENT_TYPE, new MimeType("application", "json", StandardCharsets.UTF_16BE)));
        Message<?> message = this.converter.toMessage(new Reading("d", 1.0, "n"), headers);
        assertThat(new String((byte[]) message.getPayload(), StandardCharsets.UTF_16BE))
            .isEqualTo("{\"device\":\"d\",\"celsius\":1.0,\"note\":\"n\"}");
    }

    @Test
    void aJsonViewHintIsHonoured() throws Exception {
        MethodParameter viewed = new MethodParameter(getClass().getDeclaredMethod("summary"), -1);
        Message<?> message = this.converter.toMessage(new Viewed(), null, viewed);
        assertThat(new String((byte[]) message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"device\":\"d-1\"}");
    }

    @Test
    void aPayloadJacksonCannotWriteFailsAsAConversionError() {
        Object unwritable = new Object() {
            public Object getSelf() {
                throw new IllegalStateException("broken getter");
            }
        };
        assertThatExceptionOfType(MessageConversionException.class)
            .isThrownBy(() -> this.converter.toMessage(unwritable, null))
            .withMessageContaining("Could not write JSON").withMessageContaining("broken getter");
    }

    @JsonView(Summary.class)
    Viewed summary() {
        return new Viewed();
    }
}
