package dev.mqtt5.spring.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a listener parameter to a {@code {name}} variable of the listener's topic filter: with
 * {@code topics = "devices/{deviceId}/telemetry"}, {@code @TopicVariable("deviceId") String id}
 * receives {@code "d-1"} for a publish to {@code devices/d-1/telemetry}. Converted to the
 * parameter type with the conversion service.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TopicVariable {

    /**
     * The variable's name, as written between braces in the topic filter.
     *
     * @return the name
     */
    String value();
}
