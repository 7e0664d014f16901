package dev.mqtt5.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts an {@link EmbeddedMqttBroker} for a Spring test class's application context and points
 * {@code aws.iot.mqtt5.endpoint} and {@code aws.iot.mqtt5.port} at it (plain TCP, TLS off). The
 * broker is a bean named {@code embeddedMqttBroker} and stops when the context closes; contexts
 * are cached as usual, so test classes with the same configuration share one broker. With
 * {@code awsIot = true} the AWS IoT services answer on the broker too.
 *
 * <pre>{@code
 * @SpringBootTest
 * @EmbeddedMqtt5Broker
 * class DeviceTests {
 *     @Autowired Mqtt5Client client;
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedMqtt5Broker {

    /**
     * The port to listen on; 0 (the default) picks a free one.
     *
     * @return the port
     */
    int port() default 0;

    /**
     * Whether to start an {@link dev.mqtt5.aws.iot.emulator.AwsIotEmulator} on the broker too (the
     * Device Shadow, Jobs and Fleet Provisioning MQTT services), as the bean {@code awsIotEmulator}:
     * it starts after the broker and stops before it. Inject it to create jobs or set desired state.
     *
     * @return whether the AWS IoT emulator runs
     */
    boolean awsIot() default false;
}
