package dev.mqtt5.spring.listener;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import dev.mqtt5.client.Acknowledgement;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.spring.core.Mqtt5Headers;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.ValueConstants;

/**
 * Checks a listener method's parameters at startup, so that a parameter that could never be
 * resolved fails the context with a message naming it, instead of failing on every publish.
 */
final class ListenerMethodChecks {

    private ListenerMethodChecks() {
    }

    /**
     * Checks every parameter.
     *
     * @param method the listener method
     * @param topics its topic templates
     * @param ackMode its acknowledgement mode
     * @throws IllegalStateException naming the parameter and the fix
     */
    static void check(Method method, List<TopicTemplate> topics, AckMode ackMode) {
        int payloads = 0;
        for (int i = 0; i < method.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            String where = "parameter " + i + " (" + parameter.getParameterType().getSimpleName() + ") of @Mqtt5Listener "
                    + method.getDeclaringClass().getSimpleName() + "." + method.getName();
            TopicVariable variable = parameter.getParameterAnnotation(TopicVariable.class);
            if (variable != null) {
                for (TopicTemplate topic : topics) {
                    if (!topic.getVariables().contains(variable.value())) {
                        throw new IllegalStateException(where + ": @TopicVariable(\"" + variable.value()
                                + "\") is not a variable of topic '" + topic.getTemplate() + "' (variables: "
                                + topic.getVariables() + "); write it as {" + variable.value() + "} in the topic filter");
                    }
                }
                continue;
            }
            Header header = parameter.getParameterAnnotation(Header.class);
            if (header != null) {
                String name = !header.name().isEmpty() ? header.name() : header.value();
                if (!name.isEmpty() && header.required() && header.defaultValue().equals(ValueConstants.DEFAULT_NONE) && !Mqtt5Headers.RECEIVED.contains(name)) {
                    throw new IllegalStateException(where + ": @Header(\"" + name + "\") is not a header of received"
                            + " publishes; use one of the Mqtt5Headers names " + Mqtt5Headers.RECEIVED
                            + ", @UserProperty for user properties, or @Header(required = false)");
                }
                continue;
            }
            if (parameter.getParameterType() == Acknowledgement.class && ackMode != AckMode.MANUAL) {
                throw new IllegalStateException(where + ": an Acknowledgement parameter needs"
                        + " @Mqtt5Listener(ackMode = AckMode.MANUAL); with AUTO the publish is acknowledged on return");
            }
            UserProperty userProperty = parameter.getParameterAnnotation(UserProperty.class);
            if (userProperty != null && userProperty.value().isEmpty()
                    && !Map.class.isAssignableFrom(parameter.getParameterType())) {
                throw new IllegalStateException(where + ": @UserProperty without a name binds every user property"
                        + " and needs a Map<String, String> parameter; name the property, like @UserProperty(\"tenant\")");
            }
            if (isPayload(parameter)) {
                payloads++;
                if (payloads > 1) {
                    throw new IllegalStateException(where + ": a listener method has one payload parameter, and this"
                            + " is a second one; annotate the others with @Header, @TopicVariable or @UserProperty");
                }
            }
        }
    }

    private static boolean isPayload(MethodParameter parameter) {
        if (parameter.hasParameterAnnotation(Payload.class)) {
            return true;
        }
        for (Annotation annotation : parameter.getParameterAnnotations()) {
            if (annotation instanceof Header || annotation instanceof Headers || annotation instanceof UserProperty) {
                return false;
            }
        }
        Class<?> type = parameter.getParameterType();
        return type != PublishPacket.class && type != Acknowledgement.class && !Message.class.isAssignableFrom(type)
                && !MessageHeaders.class.isAssignableFrom(type);
    }
}
