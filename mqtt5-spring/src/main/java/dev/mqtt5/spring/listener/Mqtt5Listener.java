package dev.mqtt5.spring.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.RetainHandling;

/**
 * Marks a bean method as the handler of the publishes that match its topic filters. The
 * subscription is made when the client connects, and made again whenever a connection comes up
 * without a session.
 *
 * <pre>{@code
 * @Mqtt5Listener(topics = "devices/{deviceId}/telemetry", qos = QoS.AT_LEAST_ONCE)
 * void onTelemetry(@TopicVariable("deviceId") String deviceId, @Valid Telemetry telemetry) { ... }
 * }</pre>
 *
 * <p>Parameters are resolved through spring-messaging: the payload (as {@code byte[]},
 * {@code String}, {@code ByteBuffer} or any type read from JSON, {@code @Valid} honoured),
 * {@code @Header} with the names in {@link dev.mqtt5.spring.core.Mqtt5Headers}, {@link TopicVariable},
 * {@link UserProperty}, the raw {@code PublishPacket}, and the {@code Acknowledgement} with
 * {@link AckMode#MANUAL}. A non-void return value is published to the request's response topic
 * with its correlation data (or to {@code @SendTo}'s topic when the request has none).
 *
 * <p>Methods run on the listener executor, never on the client's callback thread, and may block.
 * String attributes accept {@code ${...}} placeholders.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Mqtt5Listener {

    /**
     * The id of the listener container, for {@link Mqtt5ListenerEndpointRegistry#getListenerContainer(String)};
     * defaults to {@code <class name>.<method name>}.
     *
     * @return the id
     */
    String id() default "";

    /**
     * Topic filters, with {@code +} and {@code #} wildcards, {@code {name}} topic variables (each
     * matches one level, read with {@link TopicVariable}) and {@code ${...}} placeholders.
     *
     * @return the topic filters
     */
    String[] topics();

    /**
     * The maximum QoS the broker may use to deliver to this listener.
     *
     * @return the QoS
     */
    QoS qos() default QoS.AT_LEAST_ONCE;

    /**
     * A shared subscription group: the filters become {@code $share/<group>/<filter>}, and the
     * broker gives each publish to one member of the group.
     *
     * @return the group name, or empty for an ordinary subscription
     */
    String group() default "";

    /**
     * Whether the broker must not send this client's own publishes back to it.
     *
     * @return the No Local option
     */
    boolean noLocal() default false;

    /**
     * Whether forwarded publishes keep the retain flag they were published with.
     *
     * @return the Retain As Published option
     */
    boolean retainAsPublished() default false;

    /**
     * Whether retained messages are sent when the subscription is made.
     *
     * @return the Retain Handling option
     */
    RetainHandling retainHandling() default RetainHandling.SEND_ON_SUBSCRIBE;

    /**
     * Whether the listener subscribes when the context starts; otherwise start it through the
     * registry. Accepts a placeholder; defaults to {@code aws.iot.mqtt5.listener.auto-startup}.
     *
     * @return "true", "false", a placeholder, or empty for the default
     */
    String autoStartup() default "";

    /**
     * How many publishes this listener handles at once. 1 (the default unless
     * {@code aws.iot.mqtt5.listener.concurrency} says otherwise) keeps them in arrival order.
     *
     * @return a number, a placeholder, or empty for the default
     */
    String concurrency() default "";

    /**
     * When QoS 1 and 2 publishes are acknowledged to the broker.
     *
     * @return the acknowledgement mode
     */
    AckMode ackMode() default AckMode.AUTO;

    /**
     * The name of a {@link Mqtt5ListenerErrorHandler} bean for this listener; defaults to the
     * auto-configured one (log, or retry and dead-letter as configured).
     *
     * @return a bean name, or empty for the default
     */
    String errorHandler() default "";
}
