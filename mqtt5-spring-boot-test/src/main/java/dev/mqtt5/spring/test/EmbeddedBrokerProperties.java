package dev.mqtt5.spring.test;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the {@code aws.iot.mqtt5.*} connection properties at an embedded broker, and ties the
 * broker's life to the context's.
 */
final class EmbeddedBrokerProperties {

    static final String SOURCE_NAME = "mqtt5EmbeddedBroker";

    private EmbeddedBrokerProperties() {
    }

    static void pointAt(EmbeddedMqttBroker broker, ConfigurableEnvironment environment) {
        Map<String, Object> values = Map.of("aws.iot.mqtt5.endpoint", broker.getHost(), "aws.iot.mqtt5.port",
                broker.getPort(), "aws.iot.mqtt5.tls.enabled", false);
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, values));
    }

    /**
     * Makes the broker the bean {@code embeddedMqttBroker}, closed when the context destroys its
     * beans: after every lifecycle has stopped (the clients' DISCONNECT, listeners draining) and
     * after every bean registered later (the clients) is destroyed, since disposable beans go in
     * the reverse order of their registration. Closing it when the context starts to close
     * ({@code ContextClosedEvent}) would cut the clients off before they stop.
     */
    static void register(EmbeddedMqttBroker broker, ConfigurableApplicationContext context) {
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(BEAN_NAME, broker);
        if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(BEAN_NAME, broker::close);
        } else {
            // A bean factory of another kind: the latest hook there is, the context's end.
            context.addApplicationListener((event) -> {
                if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                    broker.close();
                }
            });
        }
    }

    /**
     * Starts an AWS IoT emulator on the broker and makes it the bean {@code awsIotEmulator}. Registered
     * after the broker, it is destroyed before it (disposable beans go in reverse order), and after
     * the clients registered later.
     */
    static void registerAwsIotEmulator(EmbeddedMqttBroker broker, ConfigurableApplicationContext context) {
        startAwsIotEmulator(newAwsIotEmulator(broker, context));
    }

    /**
     * Makes the AWS IoT emulator the bean {@code awsIotEmulator} (as {@link #registerAwsIotEmulator}
     * does) without starting it: {@link #startAwsIotEmulator} does, once the broker listens.
     */
    static AwsIotEmulator newAwsIotEmulator(EmbeddedMqttBroker broker, ConfigurableApplicationContext context) {
        AwsIotEmulator emulator = AwsIotEmulator.builder().host(broker.getHost()).port(broker.getPort()).build();
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(AWS_IOT_EMULATOR_BEAN_NAME, emulator);
        if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(AWS_IOT_EMULATOR_BEAN_NAME, emulator::close);
        } else {
            context.addApplicationListener((event) -> {
                if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                    emulator.close();
                }
            });
        }
        return emulator;
    }

    /** Starts the emulator (connects and subscribes) and logs how long that took. */
    static void startAwsIotEmulator(AwsIotEmulator emulator) {
        long start = System.nanoTime();
        emulator.start();
        LogFactory.getLog(EmbeddedBrokerProperties.class).info("Started the AWS IoT emulator on the embedded broker in "
                + (System.nanoTime() - start) / 1_000_000 + " ms ("
                + EmbeddedMqtt5BrokerEnvironmentPostProcessor.AWS_IOT_EMULATOR_ENABLED + "=true)");
    }

    static final String BEAN_NAME = "embeddedMqttBroker";

    static final String AWS_IOT_EMULATOR_BEAN_NAME = "awsIotEmulator";
}
