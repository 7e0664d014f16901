package dev.mqtt5.spring.listener;

import java.util.List;
import java.util.Map;

import dev.mqtt5.client.Acknowledgement;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.UserProperty;
import dev.mqtt5.spring.core.Mqtt5HeaderMapper;
import dev.mqtt5.spring.core.Mqtt5Headers;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.validation.Validator;

/**
 * The argument resolvers that {@code @Mqtt5Listener} methods add to spring-messaging's: topic
 * variables, user properties, the raw publish and the acknowledgement.
 */
public final class Mqtt5ArgumentResolvers {

    /**
     * The header that carries the topic variables of the listener's template ({@code Map<String, String>});
     * absent when none of the listener's topics has a variable.
     */
    public static final String TOPIC_VARIABLES = "mqtt5_topicVariables";

    private Mqtt5ArgumentResolvers() {
    }

    /**
     * The resolvers, in the order they are asked.
     *
     * @param conversionService converts topic variables and user properties to the parameter type
     * @return the resolvers
     */
    public static List<HandlerMethodArgumentResolver> all(ConversionService conversionService) {
        return List.of(new TopicVariableResolver(conversionService), new UserPropertyResolver(conversionService),
                new PublishResolver());
    }

    /**
     * The factory of listener method invocations: spring-messaging's arguments ({@code @Payload}
     * converted by the given converter, {@code @Header}, {@code @Valid}) and the resolvers above.
     * The caller initializes it ({@code afterPropertiesSet()}, done by the container for a bean).
     *
     * @param converter converts payloads to the parameter type
     * @param validator validates {@code @Valid} payloads, or null for none
     * @return the factory, not yet initialized
     */
    public static DefaultMessageHandlerMethodFactory handlerMethodFactory(MessageConverter converter,
            Validator validator) {
        DefaultFormattingConversionService conversionService = new DefaultFormattingConversionService();
        DefaultMessageHandlerMethodFactory factory = new DefaultMessageHandlerMethodFactory();
        factory.setMessageConverter(converter);
        factory.setConversionService(conversionService);
        if (validator != null) {
            factory.setValidator(validator);
        }
        factory.setCustomArgumentResolvers(all(conversionService));
        return factory;
    }

    private static Object convert(ConversionService conversionService, Object value, MethodParameter parameter) {
        if (value == null || parameter.getParameterType().isInstance(value)) {
            return value;
        }
        return conversionService.convert(value, TypeDescriptor.forObject(value), new TypeDescriptor(parameter));
    }

    private record TopicVariableResolver(ConversionService conversionService) implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.hasParameterAnnotation(TopicVariable.class);
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, Message<?> message) {
            String name = parameter.getParameterAnnotation(TopicVariable.class).value();
            Object variables = message.getHeaders().get(TOPIC_VARIABLES);
            Object value = (variables instanceof Map<?, ?> map) ? map.get(name) : null;
            if (value == null) {
                throw new MethodArgumentResolutionException(message, parameter,
                        "topic variable {" + name + "} is not in the received topic " + message.getHeaders().get(Mqtt5Headers.RECEIVED_TOPIC));
            }
            return convert(this.conversionService, value, parameter);
        }
    }

    private record UserPropertyResolver(ConversionService conversionService) implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.hasParameterAnnotation(dev.mqtt5.spring.listener.UserProperty.class);
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, Message<?> message) {
            dev.mqtt5.spring.listener.UserProperty annotation = parameter
                .getParameterAnnotation(dev.mqtt5.spring.listener.UserProperty.class);
            List<UserProperty> properties = userProperties(message);
            if (annotation.value().isEmpty()) {
                return Mqtt5HeaderMapper.userPropertyMap(properties);
            }
            List<String> values = properties.stream().filter((p) -> p.name().equals(annotation.value()))
                .map(UserProperty::value).toList();
            if (values.isEmpty() && annotation.required()) {
                throw new MethodArgumentResolutionException(message, parameter, "required user property '"
                        + annotation.value() + "' is missing; use @UserProperty(value = \"" + annotation.value()
                        + "\", required = false) if it is optional");
            }
            if (List.class.isAssignableFrom(parameter.getParameterType())) {
                return values;
            }
            return values.isEmpty() ? null : convert(this.conversionService, values.get(0), parameter);
        }

        @SuppressWarnings("unchecked")
        private static List<UserProperty> userProperties(Message<?> message) {
            Object value = message.getHeaders().get(Mqtt5Headers.USER_PROPERTIES);
            return (value instanceof List<?> list) ? (List<UserProperty>) list : List.of();
        }
    }

    private static final class PublishResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            Class<?> type = parameter.getParameterType();
            return type == PublishPacket.class || type == Acknowledgement.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, Message<?> message) {
            String header = (parameter.getParameterType() == PublishPacket.class) ? Mqtt5Headers.RECEIVED_PUBLISH
                    : Mqtt5Headers.ACKNOWLEDGEMENT;
            Object value = message.getHeaders().get(header);
            if (value == null) {
                throw new MethodArgumentResolutionException(message, parameter, "no " + header
                        + " header; an Acknowledgement parameter needs @Mqtt5Listener(ackMode = AckMode.MANUAL)");
            }
            return value;
        }
    }
}
