package dev.mqtt5.spring.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.spring.core.Mqtt5MessageConverters;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.ClassUtils;
import org.springframework.validation.Validator;

/**
 * Finds {@link Mqtt5Listener} methods on every bean, checks them (topic filters, placeholders,
 * parameters: a problem fails startup with a message naming the method and attribute), and once
 * all singletons exist registers an endpoint per method with the {@link Mqtt5ListenerEndpointRegistry}.
 * Method arguments are resolved by the {@link MessageHandlerMethodFactory} bean
 * {@value #HANDLER_METHOD_FACTORY_BEAN_NAME} and payloads converted by the {@link MessageConverter}
 * bean {@value #MESSAGE_CONVERTER_BEAN_NAME}; without such beans (a plain Spring application with
 * {@link EnableMqtt5Listeners}) the standard ones are used.
 */
public final class Mqtt5ListenerAnnotationBeanPostProcessor
        implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware, EnvironmentAware, Ordered {

    /** The bean name of the {@link MessageHandlerMethodFactory} for listener methods. */
    public static final String HANDLER_METHOD_FACTORY_BEAN_NAME = "mqtt5MessageHandlerMethodFactory";

    /** The bean name of the {@link MessageConverter} for reply payloads. */
    public static final String MESSAGE_CONVERTER_BEAN_NAME = "mqtt5MessageConverter";

    private record Pending(Object bean, Method method, Mqtt5Listener annotation, List<TopicTemplate> topics) {
    }

    private final Set<Class<?>> classesWithoutListeners = ConcurrentHashMap.newKeySet();

    private final List<Pending> pending = new ArrayList<>();

    private final ListenerAttributeResolver attributes = new ListenerAttributeResolver();

    private ConfigurableBeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (ConfigurableBeanFactory) beanFactory;
        this.attributes.setBeanFactory(this.beanFactory);
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.attributes.setEnvironment(environment);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> type = AopUtils.getTargetClass(bean);
        if (this.classesWithoutListeners.contains(type)) {
            return bean;
        }
        Map<Method, Mqtt5Listener> methods = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<Mqtt5Listener>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, Mqtt5Listener.class));
        if (methods.isEmpty()) {
            this.classesWithoutListeners.add(type);
            return bean;
        }
        methods.forEach((method, annotation) -> {
            String where = "@Mqtt5Listener " + ClassUtils.getUserClass(type).getSimpleName() + "." + method.getName();
            try {
                List<TopicTemplate> topics = this.attributes.topics(annotation, where);
                ListenerMethodChecks.check(method, topics, annotation.ackMode());
                synchronized (this.pending) {
                    this.pending.add(new Pending(bean, method, annotation, topics));
                }
            } catch (IllegalStateException ex) {
                throw new BeanInitializationException(ex.getMessage(), ex);
            }
        });
        return bean;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<Pending> toRegister;
        synchronized (this.pending) {
            toRegister = List.copyOf(this.pending);
            this.pending.clear();
        }
        if (toRegister.isEmpty()) {
            return;
        }
        Mqtt5ListenerEndpointRegistry registry = this.beanFactory.getBean(Mqtt5ListenerEndpointRegistry.class);
        MessageConverter converter = messageConverter();
        MessageHandlerMethodFactory factory = handlerMethodFactory(converter);
        Mqtt5Client client = this.beanFactory.getBean(Mqtt5Client.class);
        for (Pending listener : toRegister) {
            registry.registerListener(endpoint(listener, factory, converter, client));
        }
    }

    /** The bean {@value #MESSAGE_CONVERTER_BEAN_NAME}, or the standard converter when there is none. */
    private MessageConverter messageConverter() {
        if (this.beanFactory.containsBean(MESSAGE_CONVERTER_BEAN_NAME)) {
            return this.beanFactory.getBean(MESSAGE_CONVERTER_BEAN_NAME, MessageConverter.class);
        }
        return Mqtt5MessageConverters.standard(this.beanFactory);
    }

    /**
     * The bean {@value #HANDLER_METHOD_FACTORY_BEAN_NAME}, or one with the MQTT 5 resolvers and
     * the context's {@link Validator} (when it has exactly one) when there is none.
     */
    private MessageHandlerMethodFactory handlerMethodFactory(MessageConverter converter) {
        if (this.beanFactory.containsBean(HANDLER_METHOD_FACTORY_BEAN_NAME)) {
            return this.beanFactory.getBean(HANDLER_METHOD_FACTORY_BEAN_NAME, MessageHandlerMethodFactory.class);
        }
        DefaultMessageHandlerMethodFactory factory = Mqtt5ArgumentResolvers.handlerMethodFactory(converter,
                this.beanFactory.getBeanProvider(Validator.class).getIfUnique());
        factory.afterPropertiesSet();
        return factory;
    }

    private Mqtt5ListenerEndpoint endpoint(Pending listener, MessageHandlerMethodFactory factory,
            MessageConverter converter, Mqtt5Client client) {
        Mqtt5Listener annotation = listener.annotation();
        Class<?> type = ClassUtils.getUserClass(listener.bean());
        String where = "@Mqtt5Listener " + type.getSimpleName() + "." + listener.method().getName();
        Method invocable = AopUtils.selectInvocableMethod(listener.method(), listener.bean().getClass());
        SendTo sendTo = AnnotatedElementUtils.findMergedAnnotation(listener.method(), SendTo.class);
        String replyTopic = (sendTo != null && sendTo.value().length > 0)
                ? this.attributes.resolve(sendTo.value()[0], where + " @SendTo") : null;
        MethodMqtt5MessageListener messageListener = new MethodMqtt5MessageListener(
                factory.createInvocableHandlerMethod(listener.bean(), invocable), listener.topics(), replyTopic, client,
                converter);
        String id = annotation.id().isEmpty() ? type.getName() + "." + listener.method().getName()
                : this.attributes.resolve(annotation.id(), where + " id");
        Mqtt5ListenerErrorHandler errorHandler = annotation.errorHandler().isEmpty() ? null
                : this.beanFactory.getBean(this.attributes.resolve(annotation.errorHandler(), where + " errorHandler"),
                        Mqtt5ListenerErrorHandler.class);
        return new Mqtt5ListenerEndpoint(id, listener.topics(), annotation.qos(), annotation.noLocal(),
                annotation.retainAsPublished(), annotation.retainHandling(),
                this.attributes.autoStartup(annotation, where), this.attributes.concurrency(annotation, where),
                annotation.ackMode(), errorHandler, messageListener);
    }
}
