package dev.mqtt5.spring.core;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonEncoding;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;

/**
 * Spring's {@link JacksonJsonMessageConverter}, writing UTF-8 JSON payloads without a JSON view
 * straight to a byte array with {@link JsonMapper#writeValueAsBytes}: Jackson's recycled buffers
 * instead of a new 1 KiB stream buffer per message and a copy out of it. Anything else (another
 * encoding, a {@code @JsonView} hint, a String payload class) goes to Spring's implementation.
 */
final class JsonPayloadMessageConverter extends JacksonJsonMessageConverter {

    JsonPayloadMessageConverter(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    protected Object convertToInternal(Object payload, MessageHeaders headers, Object conversionHint) {
        if (getSerializedPayloadClass() != byte[].class || getSerializationView(conversionHint) != null
                || getJsonEncoding(getMimeType(headers)) != JsonEncoding.UTF8) {
            return super.convertToInternal(payload, headers, conversionHint);
        }
        try {
            return getJsonMapper().writeValueAsBytes(payload);
        }
        catch (JacksonException ex) {
            throw new MessageConversionException("Could not write JSON: " + ex.getOriginalMessage(), ex);
        }
    }
}
