package dev.mqtt5.spring.aws.iot;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ReflectionUtils;

/**
 * An annotated method with its arguments resolved by type: the one parameter of a given
 * "event" type gets the event, the first other parameter gets the JSON payload converted to its
 * declared (generic) type.
 */
final class HandlerMethod {

    private final Object bean;

    private final Method method;

    private final JsonMapper mapper;

    private final Class<?> eventType;

    private final int payloadIndex;

    private final JavaType payloadType;

    HandlerMethod(Object bean, Method method, JsonMapper mapper, Class<?> eventType) {
        this.bean = bean;
        this.method = method;
        this.mapper = mapper;
        this.eventType = eventType;
        int payload = -1;
        Type[] types = method.getGenericParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (!eventType.isAssignableFrom(method.getParameterTypes()[i])) {
                if (payload >= 0) {
                    throw new IllegalStateException(describe() + " has more than one payload parameter; it may have "
                            + "one payload parameter and one of type " + eventType.getSimpleName());
                }
                payload = i;
            }
        }
        this.payloadIndex = payload;
        this.payloadType = (payload >= 0) ? mapper.getTypeFactory().constructType(types[payload]) : null;
        ReflectionUtils.makeAccessible(method);
    }

    /** Whether the method returns nothing. */
    boolean isVoid() {
        return this.method.getReturnType() == void.class;
    }

    /**
     * Calls the method.
     *
     * @return what it returned
     * @throws Exception what it threw (unwrapped), or a conversion failure of the payload
     */
    Object invoke(JsonNode payload, Object event) throws Exception {
        Object[] args = new Object[this.method.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = (i == this.payloadIndex) ? this.mapper.convertValue(payload, this.payloadType) : event;
        }
        try {
            return this.method.invoke(this.bean, args);
        } catch (InvocationTargetException ex) {
            if (ex.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw ex;
        }
    }

    String describe() {
        return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName();
    }

    @Override
    public String toString() {
        return describe() + "(" + this.eventType.getSimpleName() + ")";
    }
}
