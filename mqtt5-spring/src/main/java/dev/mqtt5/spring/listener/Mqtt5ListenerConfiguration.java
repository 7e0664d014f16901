package dev.mqtt5.spring.listener;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.spring.core.Mqtt5ClientEvents;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * The beans of {@link EnableMqtt5Listeners}: the annotation post-processor, the executor that
 * runs listener methods ({@link ListenerThreads}) and the {@link Mqtt5ListenerEndpointRegistry}
 * with the {@link Mqtt5ListenerErrorHandler} bean {@value #ERROR_HANDLER_BEAN_NAME} as the error
 * handler of listeners that name none (else a {@link LoggingErrorHandler}) and the context's only
 * {@link ObservationRegistry}, if any. When the context has {@link Mqtt5ClientEvents} for the
 * client, the registry subscribes again on every connection without a session; otherwise it
 * subscribes once, when the context starts. Payload conversion and argument resolution are the
 * standard ones unless the context defines the beans named in
 * {@link Mqtt5ListenerAnnotationBeanPostProcessor}.
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public final class Mqtt5ListenerConfiguration {

    /** The bean name of the executor that runs listener methods. */
    public static final String LISTENER_EXECUTOR_BEAN_NAME = "mqtt5ListenerTaskExecutor";

    /** The bean name of the error handler of listeners that name none. */
    public static final String ERROR_HANDLER_BEAN_NAME = "mqtt5ListenerErrorHandler";

    Mqtt5ListenerConfiguration() {
    }

    /**
     * Finds and checks the {@link Mqtt5Listener} methods.
     *
     * @return the post-processor
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Mqtt5ListenerAnnotationBeanPostProcessor mqtt5ListenerAnnotationBeanPostProcessor() {
        return new Mqtt5ListenerAnnotationBeanPostProcessor();
    }

    /**
     * The threads that run listener methods; closed with the context.
     *
     * @return the executor
     */
    @Bean(LISTENER_EXECUTOR_BEAN_NAME)
    ListenerThreads mqtt5ListenerTaskExecutor() {
        return new ListenerThreads("mqtt5-listener-");
    }

    /**
     * The registry of listener containers, started and stopped with the context.
     *
     * @param client the client listeners subscribe with
     * @param executor the executor that runs listener methods
     * @param beanFactory where to find the bean {@value #ERROR_HANDLER_BEAN_NAME}
     * @param observationRegistry the registry for listener observations, if there is exactly one
     * @param clientEvents the client's events, if someone exposes them
     * @return the registry
     */
    @Bean
    Mqtt5ListenerEndpointRegistry mqtt5ListenerEndpointRegistry(Mqtt5Client client,
            @Qualifier(LISTENER_EXECUTOR_BEAN_NAME) ListenerThreads executor,
            BeanFactory beanFactory,
            ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<Mqtt5ClientEvents> clientEvents) {
        Mqtt5ClientEvents events = clientEvents.getIfUnique();
        boolean connectionAware = events != null && events.isTracking(client);
        Mqtt5ListenerEndpointRegistry registry = new Mqtt5ListenerEndpointRegistry(client, executor,
                defaultErrorHandler(beanFactory), observationRegistry.getIfUnique(), connectionAware);
        if (connectionAware) {
            events.addLifecycleListener(registry.connectionListener());
        }
        return registry;
    }

    private static Mqtt5ListenerErrorHandler defaultErrorHandler(BeanFactory beanFactory) {
        if (beanFactory.containsBean(ERROR_HANDLER_BEAN_NAME)) {
            return beanFactory.getBean(ERROR_HANDLER_BEAN_NAME, Mqtt5ListenerErrorHandler.class);
        }
        return new LoggingErrorHandler();
    }
}
