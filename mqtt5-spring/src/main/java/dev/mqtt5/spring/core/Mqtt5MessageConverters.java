package dev.mqtt5.spring.core;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.util.ClassUtils;

/**
 * The payload converter that listeners and the template share unless the application defines a
 * {@link MessageConverter} bean named {@code mqtt5MessageConverter}.
 */
public final class Mqtt5MessageConverters {

    private static final boolean JACKSON_PRESENT = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
            Mqtt5MessageConverters.class.getClassLoader());

    private Mqtt5MessageConverters() {
    }

    /**
     * Raw bytes, UTF-8 text and {@code ByteBuffer} first ({@link RawPayloadMessageConverter}), then
     * JSON with the context's Jackson 3 {@link JsonMapper} when it has exactly one (a plain
     * {@code JsonMapper} otherwise) if Jackson is on the class path.
     *
     * @param beanFactory where to look for a {@code JsonMapper} bean
     * @return the converter
     */
    public static MessageConverter standard(BeanFactory beanFactory) {
        List<MessageConverter> converters = new ArrayList<>();
        converters.add(new RawPayloadMessageConverter());
        if (JACKSON_PRESENT) {
            converters.add(Json.converter(beanFactory));
        }
        return new CompositeMessageConverter(converters);
    }

    /** Loaded only when Jackson is on the class path. */
    private static final class Json {

        static MessageConverter converter(BeanFactory beanFactory) {
            JsonMapper mapper = beanFactory.getBeanProvider(JsonMapper.class).getIfUnique(JsonMapper::new);
            return new JsonPayloadMessageConverter(mapper);
        }
    }
}
