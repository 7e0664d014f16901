package dev.mqtt5.client.conformance;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The MQTT 5.0 normative statements a test demonstrates, by their specification ids
 * ({@code "MQTT-4.3.3-2"}). {@code docs/CONFORMANCE.md} lists every statement that binds a client
 * with the tests carrying its id; {@link ConformanceMapTest} keeps the two in step. On a test
 * class, the ids apply to every test method in it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Repeatable(Covers.List.class)
public @interface Covers {

    /** The statement ids, such as {@code "MQTT-3.3.1-1"}. */
    String[] value();

    /** Holds repeated {@link Covers} annotations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @interface List {
        Covers[] value();
    }
}
