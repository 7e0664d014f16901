package dev.mqtt5.spring.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a listener parameter to MQTT 5 user properties of the received publish:
 * {@code @UserProperty("tenant") String tenant} receives the first value of that name (a
 * {@code List<String>} parameter receives all of them), and {@code @UserProperty Map<String, String>
 * all} receives every user property (the first value of each name).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface UserProperty {

    /**
     * The property name; empty for all properties as a {@code Map<String, String>}.
     *
     * @return the name
     */
    String value() default "";

    /**
     * Whether startup-time checks and invocations require the property: a missing required
     * property fails the invocation (and goes to the error handler); an optional one is null.
     *
     * @return whether the property must be present
     */
    boolean required() default true;
}
