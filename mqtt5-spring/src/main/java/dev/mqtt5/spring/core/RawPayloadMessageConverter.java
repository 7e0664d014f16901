package dev.mqtt5.spring.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Converts a {@code byte[]} MQTT payload to and from {@code byte[]}, {@code String} (UTF-8) and
 * {@code ByteBuffer}, whatever the content type says (a String parameter receives JSON text as
 * text). Returns null for other types, so that the next converter (JSON) is asked.
 */
public final class RawPayloadMessageConverter implements MessageConverter {

    @Override
    public Object fromMessage(Message<?> message, Class<?> targetClass) {
        if (!(message.getPayload() instanceof byte[] bytes)) {
            return null;
        }
        if (targetClass == byte[].class) {
            return bytes;
        }
        if (targetClass == String.class) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (targetClass == ByteBuffer.class) {
            return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        }
        return null;
    }

    @Override
    public Message<?> toMessage(Object payload, MessageHeaders headers) {
        byte[] bytes = toBytes(payload);
        if (bytes == null) {
            return null;
        }
        MessageBuilder<byte[]> builder = MessageBuilder.withPayload(bytes);
        if (headers != null) {
            builder.copyHeaders(headers);
        }
        return builder.build();
    }

    private static byte[] toBytes(Object payload) {
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (payload instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        return null;
    }
}
