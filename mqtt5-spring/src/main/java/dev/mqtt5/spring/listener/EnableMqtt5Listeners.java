package dev.mqtt5.spring.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Turns on {@link Mqtt5Listener} methods in a Spring application without Spring Boot (Boot's
 * auto-configuration does it by itself): put it on a {@code @Configuration} class of a context
 * that has one {@link dev.mqtt5.client.Mqtt5Client} bean, started by the application. It
 * registers the {@link Mqtt5ListenerAnnotationBeanPostProcessor} and a
 * {@link Mqtt5ListenerEndpointRegistry} ({@link Mqtt5ListenerConfiguration}), which subscribes
 * every listener when the context starts and drains them before the client is closed.
 *
 * <pre>{@code
 * @Configuration
 * @EnableMqtt5Listeners
 * class MqttConfig {
 *     @Bean
 *     Mqtt5Client mqtt5Client() { ... client.start(); return client; }  // closed with the context
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(Mqtt5ListenerConfiguration.class)
public @interface EnableMqtt5Listeners {
}
