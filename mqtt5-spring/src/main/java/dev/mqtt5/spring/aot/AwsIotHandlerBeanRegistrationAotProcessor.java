package dev.mqtt5.spring.aot;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.mqtt5.spring.aws.iot.JobHandler;
import dev.mqtt5.spring.aws.iot.ShadowDeltaHandler;

import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Ahead-of-time processing of beans with {@code @ShadowDeltaHandler} or {@code @JobHandler}
 * methods: the methods are invoked reflectively, their delta or job document is converted from
 * JSON to the payload parameter's type and the returned state is written to JSON, so a native image
 * needs hints for both. Registered in {@code META-INF/spring/aot.factories}; on the JVM (also with
 * {@code spring.aot.enabled}) the hints change nothing.
 */
class AwsIotHandlerBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

    private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

    @Override
    public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        Class<?> type = ClassUtils.getUserClass(registeredBean.getBeanClass());
        Set<Method> handlers = new LinkedHashSet<>(MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<Boolean>) (method) -> isHandler(method) ? Boolean.TRUE : null)
            .keySet());
        if (handlers.isEmpty()) {
            return null;
        }
        return (GenerationContext generationContext, BeanRegistrationCode code) -> {
            RuntimeHints hints = generationContext.getRuntimeHints();
            handlers.forEach((method) -> registerHints(hints, method));
        };
    }

    private static boolean isHandler(Method method) {
        return AnnotatedElementUtils.hasAnnotation(method, ShadowDeltaHandler.class)
                || AnnotatedElementUtils.hasAnnotation(method, JobHandler.class);
    }

    /** Invoking the method, binding its payload parameter and, for a state, its return type. */
    void registerHints(RuntimeHints hints, Method method) {
        hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
        for (Parameter parameter : method.getParameters()) {
            if (isBound(parameter.getType())) {
                this.bindings.registerReflectionHints(hints.reflection(), parameter.getParameterizedType());
            }
        }
        Type returned = method.getGenericReturnType();
        if (returned != void.class && isBound(method.getReturnType())) {
            this.bindings.registerReflectionHints(hints.reflection(), returned);
        }
    }

    /**
     * A type Jackson binds by reflection: not a simple value, a JDK or Jackson type (maps, JsonNode),
     * or the library's event types (ShadowDelta, JobExecution).
     */
    private static boolean isBound(Class<?> type) {
        String name = type.getName();
        return !ClassUtils.isSimpleValueType(type) && !type.isPrimitive() && !name.startsWith("java.")
                && !name.startsWith("tools.jackson.") && !name.startsWith("dev.mqtt5.aws.iot.");
    }
}
