package dev.mqtt5.spring.autoconfigure.listener;

import java.util.ArrayList;
import java.util.List;

import dev.mqtt5.spring.core.RawPayloadMessageConverter;
import dev.mqtt5.spring.listener.Mqtt5ListenerAnnotationBeanPostProcessor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.util.ClassUtils;

/**
 * The {@code mqtt5MessageConverter} bean shared by listeners and the template: raw bytes, UTF-8
 * text and {@code ByteBuffer} first, then JSON with Boot's Jackson 3 {@link JsonMapper} bean when
 * there is one (a plain {@code JsonMapper} when Jackson is present without Boot's bean). Define a
 * {@link MessageConverter} bean of that name to replace it.
 */
@Configuration(proxyBeanMethods = false)
public final class Mqtt5MessageConverterConfiguration {

    private static final boolean JACKSON_PRESENT = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
            Mqtt5MessageConverterConfiguration.class.getClassLoader());

    Mqtt5MessageConverterConfiguration() {
    }

    @Bean(Mqtt5ListenerAnnotationBeanPostProcessor.MESSAGE_CONVERTER_BEAN_NAME)
    @ConditionalOnMissingBean(name = Mqtt5ListenerAnnotationBeanPostProcessor.MESSAGE_CONVERTER_BEAN_NAME)
    MessageConverter mqtt5MessageConverter(BeanFactory beanFactory) {
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
            return new JacksonJsonMessageConverter(mapper);
        }
    }
}
