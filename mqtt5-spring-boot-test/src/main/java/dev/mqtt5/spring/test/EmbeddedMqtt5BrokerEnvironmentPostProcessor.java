package dev.mqtt5.spring.test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * With {@code aws.iot.mqtt5.embedded-broker.enabled=true}, starts an {@link EmbeddedMqttBroker}
 * (on {@code aws.iot.mqtt5.embedded-broker.port}, 0 for a free one; in the background, the context
 * makes its beans once it listens) and points
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
        // The broker (and the emulator on it) start in the background while Spring sets up the
        // context and reads its configuration classes; a bean factory post-processor waits for
        // them before any bean is made, so no client can connect too early.
        long start = System.nanoTime();
        EmbeddedMqttBroker broker = EmbeddedMqttBroker.startInBackground(
                environment.getProperty("aws.iot.mqtt5.embedded-broker.port", Integer.class, 0));
        CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
            broker.awaitStarted();
            // deferred log: written out once logging is set up
            this.logger.info("Started the embedded MQTT broker on " + broker.getHost() + ":" + broker.getPort()
                    + " in " + (System.nanoTime() - start) / 1_000_000
                    + " ms (aws.iot.mqtt5.embedded-broker.enabled=true)");
        }, EmbeddedMqtt5BrokerEnvironmentPostProcessor::startThread);
        EmbeddedBrokerProperties.pointAt(broker, environment);
        boolean awsIot = environment.getProperty(AWS_IOT_EMULATOR_ENABLED, Boolean.class, false);
        application.addInitializers((context) -> {
            EmbeddedBrokerProperties.register(broker, context);
            CompletableFuture<Void> ready = started;
            if (awsIot) {
                AwsIotEmulator emulator = EmbeddedBrokerProperties.newAwsIotEmulator(broker, context);
                ready = started.thenRunAsync(() -> EmbeddedBrokerProperties.startAwsIotEmulator(emulator),
                        EmbeddedMqtt5BrokerEnvironmentPostProcessor::startThread);
            }
            CompletableFuture<Void> brokerReady = ready;
            context.addBeanFactoryPostProcessor((beanFactory) -> await(brokerReady));
        });
        application.addListeners((event) -> {
            // A start that fails before or while the context is made: the broker must not outlive it.
            if (event instanceof ApplicationFailedEvent) {
                broker.close();
            }
        });
    }

    private static void startThread(Runnable task) {
        Thread thread = new Thread(task, "embedded-mqtt-broker-start");
        thread.setDaemon(true);
        thread.start();
    }

    private static void await(CompletableFuture<Void> ready) {
        try {
            ready.join();
        } catch (CompletionException ex) {
            throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
        }
    }
}
