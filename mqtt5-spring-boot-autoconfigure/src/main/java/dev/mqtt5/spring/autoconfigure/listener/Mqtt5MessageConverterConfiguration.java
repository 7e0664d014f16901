package dev.mqtt5.spring.autoconfigure.listener;

import dev.mqtt5.spring.core.Mqtt5MessageConverters;
import dev.mqtt5.spring.listener.Mqtt5ListenerAnnotationBeanPostProcessor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.converter.MessageConverter;

/**
 * The {@code mqtt5MessageConverter} bean shared by listeners and the template
 * ({@link Mqtt5MessageConverters#standard}): raw bytes, UTF-8 text and {@code ByteBuffer} first,
 * then JSON with Boot's Jackson 3 {@link JsonMapper} bean when there is one (a plain
 * {@code JsonMapper} when Jackson is present without Boot's bean). Define a
 * {@link MessageConverter} bean of that name to replace it.
 */
@Configuration(proxyBeanMethods = false)
public final class Mqtt5MessageConverterConfiguration {

    Mqtt5MessageConverterConfiguration() {
    }

    @Bean(Mqtt5ListenerAnnotationBeanPostProcessor.MESSAGE_CONVERTER_BEAN_NAME)
    @ConditionalOnMissingBean(name = Mqtt5ListenerAnnotationBeanPostProcessor.MESSAGE_CONVERTER_BEAN_NAME)
    MessageConverter mqtt5MessageConverter(BeanFactory beanFactory) {
        return Mqtt5MessageConverters.standard(beanFactory);
    }
}
