package dev.mqtt5.spring.autoconfigure.template;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.spring.autoconfigure.Mqtt5AutoConfiguration;
import dev.mqtt5.spring.autoconfigure.Mqtt5ConnectionTracker;
import dev.mqtt5.spring.autoconfigure.listener.Mqtt5MessageConverterConfiguration;
import dev.mqtt5.spring.autoconfigure.listener.Mqtt5ObservationProperties;
import dev.mqtt5.spring.core.Mqtt5Template;
import dev.mqtt5.spring.listener.Mqtt5ListenerAnnotationBeanPostProcessor;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.converter.MessageConverter;

/**
 * Auto-configuration of the {@link Mqtt5Template} for the single client bean, with defaults from
 * {@code aws.iot.mqtt5.template.*}, the shared {@code mqtt5MessageConverter} (JSON with Boot's
 * Jackson), observations when {@code aws.iot.mqtt5.observation-enabled}, and its reply
 * subscription renewed on connections without a session.
 */
@AutoConfiguration(after = Mqtt5AutoConfiguration.class,
        afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
                "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ Mqtt5Client.class, MessageConverter.class })
@ConditionalOnSingleCandidate(Mqtt5Client.class)
@EnableConfigurationProperties({ Mqtt5TemplateProperties.class, Mqtt5ObservationProperties.class })
@Import(Mqtt5MessageConverterConfiguration.class)
public final class Mqtt5TemplateAutoConfiguration {

    Mqtt5TemplateAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    Mqtt5Template mqtt5Template(Mqtt5Client client,
            @Qualifier(Mqtt5ListenerAnnotationBeanPostProcessor.MESSAGE_CONVERTER_BEAN_NAME) MessageConverter converter,
            Mqtt5TemplateProperties properties, Mqtt5ObservationProperties observation,
            ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<Mqtt5ConnectionTracker> tracker) {
        Mqtt5Template template = new Mqtt5Template(client, converter, properties.getReplyTopicPrefix());
        template.setDefaultQos(properties.getDefaultQos());
        template.setDefaultRetain(properties.isDefaultRetain());
        template.setSendTimeout(properties.getSendTimeout());
        template.setUserPropertyHeaders(properties.getUserPropertyHeaders());
        if (observation.isObservationEnabled()) {
            template.setObservationRegistry(observationRegistry.getIfAvailable());
        }
        Mqtt5ConnectionTracker clientTracker = tracker.getIfAvailable();
        if (clientTracker != null && clientTracker.isTracking(client)) {
            clientTracker.addLifecycleListener(template.connectionListener());
        }
        return template;
    }
}
