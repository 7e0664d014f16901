package dev.mqtt5.spring.test;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Reads {@link EmbeddedMqtt5Broker} from a test class and starts the broker for its context. */
class EmbeddedMqtt5BrokerContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        EmbeddedMqtt5Broker annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                EmbeddedMqtt5Broker.class);
        return (annotation != null) ? new Customizer(annotation.port(), annotation.awsIot()) : null;
    }

    /** Starts the broker (and the AWS IoT emulator), registers them as beans, and overrides the endpoint properties. */
    private record Customizer(int port, boolean awsIot) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            EmbeddedMqttBroker broker = EmbeddedMqttBroker.start(this.port);
            EmbeddedBrokerProperties.pointAt(broker, context.getEnvironment());
            EmbeddedBrokerProperties.register(broker, context);
            if (this.awsIot) {
                EmbeddedBrokerProperties.registerAwsIotEmulator(broker, context);
            }
        }
    }
}
