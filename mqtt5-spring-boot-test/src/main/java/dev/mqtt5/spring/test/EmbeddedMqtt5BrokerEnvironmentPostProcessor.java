package dev.mqtt5.spring.test;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * With {@code aws.iot.mqtt5.embedded-broker.enabled=true}, starts an {@link EmbeddedMqttBroker}
 * (on {@code aws.iot.mqtt5.embedded-broker.port}, 0 for a free one) before the context and points
 * {@code aws.iot.mqtt5.endpoint} and {@code port} at it; the broker is the bean
 * {@code embeddedMqttBroker} and stops with the context, after its clients. With
 * {@code aws.iot.mqtt5.embedded-broker.aws-iot-emulator.enabled=true} an
 * {@link dev.mqtt5.aws.iot.emulator.AwsIotEmulator} answers the AWS IoT services' topics on it
 * (the bean {@code awsIotEmulator}, stopped before the broker). For development: no AWS account needed.
 */
class EmbeddedMqtt5BrokerEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String AWS_IOT_EMULATOR_ENABLED = "aws.iot.mqtt5.embedded-broker.aws-iot-emulator.enabled";

    // Deferred: this runs before the logging system is set up, which drops what is logged earlier.
    private final Log logger;

    EmbeddedMqtt5BrokerEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.logger = logFactory.getLog(EmbeddedMqtt5BrokerEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("aws.iot.mqtt5.embedded-broker.enabled", Boolean.class, false)
                || environment.getPropertySources().contains(EmbeddedBrokerProperties.SOURCE_NAME)
                // Ahead-of-time processing (spring-boot:process-aot) only looks at the bean definitions.
                || Boolean.getBoolean("spring.aot.processing")) {
            return;
        }
        long start = System.nanoTime();
        EmbeddedMqttBroker broker = EmbeddedMqttBroker.start(
                environment.getProperty("aws.iot.mqtt5.embedded-broker.port", Integer.class, 0));
        this.logger.info("Started the embedded MQTT broker on " + broker.getHost() + ":" + broker.getPort() + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms (aws.iot.mqtt5.embedded-broker.enabled=true)");
        EmbeddedBrokerProperties.pointAt(broker, environment);
        boolean awsIot = environment.getProperty(AWS_IOT_EMULATOR_ENABLED, Boolean.class, false);
        application.addInitializers((context) -> {
            EmbeddedBrokerProperties.register(broker, context);
            if (awsIot) {
                EmbeddedBrokerProperties.registerAwsIotEmulator(broker, context);
            }
        });
        application.addListeners((event) -> {
            // A start that fails before or while the context is made: the broker must not outlive it.
            if (event instanceof ApplicationFailedEvent) {
                broker.close();
            }
        });
    }
}
