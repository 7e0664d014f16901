package dev.mqtt5.spring.aot;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Map;

import dev.mqtt5.spring.listener.Mqtt5Listener;

import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Ahead-of-time processing of beans with {@code @Mqtt5Listener} methods: the methods are invoked
 * reflectively at run time, and their payload parameters and return values are read from and
 * written to JSON, so a native image needs hints for both. Registered in
 * {@code META-INF/spring/aot.factories}; on the JVM (also with {@code spring.aot.enabled}) the hints
 * change nothing.
 */
class Mqtt5ListenerBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

    private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

    @Override
    public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        Class<?> type = ClassUtils.getUserClass(registeredBean.getBeanClass());
        Map<Method, Mqtt5Listener> listeners = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<Mqtt5Listener>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, Mqtt5Listener.class));
        if (listeners.isEmpty()) {
            return null;
        }
        return (GenerationContext generationContext, BeanRegistrationCode code) -> {
            RuntimeHints hints = generationContext.getRuntimeHints();
            for (Method method : listeners.keySet()) {
                registerHints(hints, method);
            }
        };
    }

    /** The hints one listener method needs: invoking it, and binding its payload and reply types. */
    void registerHints(RuntimeHints hints, Method method) {
        hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
        for (Parameter parameter : method.getParameters()) {
            if (isPayload(parameter)) {
                this.bindings.registerReflectionHints(hints.reflection(), parameter.getParameterizedType());
            }
        }
        Type returned = method.getGenericReturnType();
        if (returned != void.class && !ClassUtils.isSimpleValueType(method.getReturnType())) {
            this.bindings.registerReflectionHints(hints.reflection(), returned);
        }
    }

    /** A parameter whose value is converted from the payload: not a header, variable or MQTT type. */
    private static boolean isPayload(Parameter parameter) {
        Class<?> type = parameter.getType();
        if (ClassUtils.isSimpleValueType(type) || type == byte[].class || type.getName().startsWith("java.")
                || type.getName().startsWith("dev.mqtt5.client.") || type.getName().startsWith("org.springframework.")) {
            return false;
        }
        return parameter.getAnnotations().length == 0 || parameter.isAnnotationPresent(
                org.springframework.messaging.handler.annotation.Payload.class)
                || hasOnlyValidation(parameter);
    }

    private static boolean hasOnlyValidation(Parameter parameter) {
        for (var annotation : parameter.getAnnotations()) {
            String name = annotation.annotationType().getName();
            if (!name.endsWith(".Valid") && !name.endsWith(".Validated")) {
                return false;
            }
        }
        return true;
    }
}
