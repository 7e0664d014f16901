package dev.mqtt5.spring.aws.iot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that applies a Device Shadow's delta (the desired state that differs from the
 * reported one) to the device, and whose return value is the state the device then reports.
 *
 * <pre>{@code
 * @ShadowDeltaHandler
 * Thermostat apply(Thermostat delta) {
 *     heater.setTarget(delta.target());
 *     return new Thermostat(heater.target());   // reported; null fields are left out
 * }
 * }</pre>
 *
 * <p>The first parameter receives the delta, converted from JSON to its type (a record, a map, or
 * {@code JsonNode}); only the fields that differ are set. A parameter of type
 * {@link dev.mqtt5.aws.iot.shadow.ShadowDelta} receives the whole event instead (version,
 * metadata). The return value is reported with {@code update(reported)}; fields left null are not
 * sent (a JSON null would delete them from the shadow), unless the method returns a
 * {@code JsonNode}, which is sent as it is (an explicit null there deletes the field). A
 * {@code void} method reports the delta as received. An exception reports nothing and leaves the shadow out of sync (health says so); the
 * next delta, or the next connection, tries again.
 *
 * <p>When the stream is (re)established (at start and after a session was lost), the shadow is
 * read and a pending delta is handled, so that what changed while the device was offline is
 * applied. Deltas of one shadow are handled one at a time, in order, on a thread of their own
 * (never the client's callback thread), so the method may block.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ShadowDeltaHandler {

    /**
     * The named shadow; empty for the thing's classic shadow.
     *
     * @return the shadow name
     */
    String shadowName() default "";

    /**
     * The thing; empty for the application's thing ({@code aws.iot.mqtt5.iot.thing-name}, which
     * defaults to the client id). {@code ${...}} placeholders are resolved.
     *
     * @return the thing name
     */
    String thingName() default "";
}
