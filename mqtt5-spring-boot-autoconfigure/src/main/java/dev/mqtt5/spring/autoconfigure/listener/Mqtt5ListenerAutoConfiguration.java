package dev.mqtt5.spring.autoconfigure.listener;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.spring.autoconfigure.Mqtt5AutoConfiguration;
import dev.mqtt5.spring.autoconfigure.Mqtt5ConnectionTracker;
import dev.mqtt5.spring.listener.ListenerThreads;
import dev.mqtt5.spring.listener.LoggingErrorHandler;
import dev.mqtt5.spring.listener.Mqtt5ArgumentResolvers;
import dev.mqtt5.spring.listener.Mqtt5ListenerAnnotationBeanPostProcessor;
import dev.mqtt5.spring.listener.Mqtt5ListenerConfiguration;
import dev.mqtt5.spring.listener.Mqtt5ListenerEndpointRegistry;
import dev.mqtt5.spring.listener.Mqtt5ListenerErrorHandler;
import dev.mqtt5.spring.listener.RetryingErrorHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.concurrent.Executor;

import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.validation.Validator;

/**
 * Auto-configuration of {@code @Mqtt5Listener} support: the annotation post-processor, the
 * argument resolution ({@code mqtt5MessageHandlerMethodFactory}: payload conversion, {@code @Valid}
 * with Boot's validator, MQTT 5 headers, topic variables, user properties), the listener executor
 * (virtual threads when {@code spring.threads.virtual.enabled}), the default error handler from
 * {@code aws.iot.mqtt5.listener.error-handler.*}, and the {@link Mqtt5ListenerEndpointRegistry}
 * wired to the client's connection events.
 */
@AutoConfiguration(after = Mqtt5AutoConfiguration.class,
        afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
                "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
                "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ Mqtt5Client.class, MessageHandlerMethodFactory.class })
@ConditionalOnSingleCandidate(Mqtt5Client.class)
@EnableConfigurationProperties({ Mqtt5ListenerProperties.class, Mqtt5ObservationProperties.class })
@Import(Mqtt5MessageConverterConfiguration.class)
public final class Mqtt5ListenerAutoConfiguration {

    /** The bean name of the executor that runs listener methods. */
    public static final String LISTENER_EXECUTOR_BEAN_NAME = Mqtt5ListenerConfiguration.LISTENER_EXECUTOR_BEAN_NAME;

    /** The bean name of the default error handler. */
    public static final String ERROR_HANDLER_BEAN_NAME = Mqtt5ListenerConfiguration.ERROR_HANDLER_BEAN_NAME;

    Mqtt5ListenerAutoConfiguration() {
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    static Mqtt5ListenerAnnotationBeanPostProcessor mqtt5ListenerAnnotationBeanPostProcessor() {
        return new Mqtt5ListenerAnnotationBeanPostProcessor();
    }

    @Bean(Mqtt5ListenerAnnotationBeanPostProcessor.HANDLER_METHOD_FACTORY_BEAN_NAME)
    @ConditionalOnMissingBean(name = Mqtt5ListenerAnnotationBeanPostProcessor.HANDLER_METHOD_FACTORY_BEAN_NAME)
    DefaultMessageHandlerMethodFactory mqtt5MessageHandlerMethodFactory(
            @Qualifier(Mqtt5ListenerAnnotationBeanPostProcessor.MESSAGE_CONVERTER_BEAN_NAME) MessageConverter converter,
            ObjectProvider<Validator> validator) {
        return Mqtt5ArgumentResolvers.handlerMethodFactory(converter, validator.getIfUnique());
    }

    /**
     * Virtual threads when {@code spring.threads.virtual.enabled}: one per burst of deliveries, as
     * they cost nothing to start. Otherwise platform threads that are reused across bursts.
     */
    @Bean(LISTENER_EXECUTOR_BEAN_NAME)
    @ConditionalOnMissingBean(name = LISTENER_EXECUTOR_BEAN_NAME)
    Executor mqtt5ListenerTaskExecutor(Environment environment) {
        if (Threading.VIRTUAL.isActive(environment)) {
            SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("mqtt5-listener-");
            executor.setVirtualThreads(true);
            return executor;
        }
        return new ListenerThreads("mqtt5-listener-");
    }

    @Bean(ERROR_HANDLER_BEAN_NAME)
    @ConditionalOnMissingBean(name = ERROR_HANDLER_BEAN_NAME)
    Mqtt5ListenerErrorHandler mqtt5ListenerErrorHandler(Mqtt5ListenerProperties properties, Mqtt5Client client) {
        Mqtt5ListenerProperties.ErrorHandler settings = properties.getErrorHandler();
        if (settings.getMaxAttempts() < 1) {
            throw new IllegalArgumentException("aws.iot.mqtt5.listener.error-handler.max-attempts must be at least 1,"
                    + " was " + settings.getMaxAttempts());
        }
        if (settings.getMaxAttempts() == 1 && settings.getDeadLetterTopic() == null) {
            return new LoggingErrorHandler();
        }
        ExponentialBackOff backOff = new ExponentialBackOff(settings.getInitialInterval().toMillis(),
                settings.getMultiplier());
        backOff.setMaxInterval(settings.getMaxInterval().toMillis());
        backOff.setMaxAttempts(settings.getMaxAttempts() - 1);
        return new RetryingErrorHandler(backOff, client, settings.getDeadLetterTopic());
    }

    @Bean
    @ConditionalOnMissingBean
    Mqtt5ListenerEndpointRegistry mqtt5ListenerEndpointRegistry(Mqtt5Client client,
            @Qualifier(LISTENER_EXECUTOR_BEAN_NAME) java.util.concurrent.Executor executor,
            @Qualifier(ERROR_HANDLER_BEAN_NAME) Mqtt5ListenerErrorHandler errorHandler,
            Mqtt5ObservationProperties observation, ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<Mqtt5ConnectionTracker> tracker, Mqtt5ListenerProperties properties,
            Environment environment) {
        Mqtt5ConnectionTracker clientTracker = tracker.getIfAvailable();
        boolean connectionAware = clientTracker != null && clientTracker.isTracking(client);
        Mqtt5ListenerEndpointRegistry registry = new Mqtt5ListenerEndpointRegistry(client, executor, errorHandler,
                observation.isObservationEnabled() ? observationRegistry.getIfAvailable() : null, connectionAware);
        registry.setShutdownTimeout(shutdownTimeout(properties.getShutdownTimeout(), environment));
        registry.setLeaveSharedGroups(properties.isLeaveSharedGroups());
        if (connectionAware) {
            clientTracker.addLifecycleListener(registry.connectionListener());
        }
        return registry;
    }

    /**
     * The listener shutdown timeout, kept a second (or a tenth) below Spring's timeout per
     * shutdown phase: past that Spring goes on to stop the client while listeners still run.
     */
    static Duration shutdownTimeout(Duration configured, Environment environment) {
        if (configured == null || configured.isNegative()) {
            throw new IllegalArgumentException("aws.iot.mqtt5.listener.shutdown-timeout must be zero or positive, was "
                    + configured);
        }
        Duration phase = Binder.get(environment)
            .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
            .orElse(Duration.ofSeconds(30));
        Duration margin = phase.dividedBy(10).compareTo(Duration.ofSeconds(1)) < 0 ? phase.dividedBy(10)
                : Duration.ofSeconds(1);
        Duration cap = phase.minus(margin);
        if (configured.compareTo(cap) > 0) {
            LogFactory.getLog(Mqtt5ListenerAutoConfiguration.class).warn("aws.iot.mqtt5.listener.shutdown-timeout ("
                    + configured + ") is not below spring.lifecycle.timeout-per-shutdown-phase (" + phase
                    + "): listeners get " + cap + " to finish on shutdown; raise the phase timeout to give them more");
            return cap;
        }
        return configured;
    }
}
