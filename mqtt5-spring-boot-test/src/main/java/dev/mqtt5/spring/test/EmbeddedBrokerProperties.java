package dev.mqtt5.spring.test;

import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** Points the {@code aws.iot.mqtt5.*} connection properties at an embedded broker. */
final class EmbeddedBrokerProperties {

    static final String SOURCE_NAME = "mqtt5EmbeddedBroker";

    private EmbeddedBrokerProperties() {
    }

    static void pointAt(EmbeddedMqttBroker broker, ConfigurableEnvironment environment) {
        Map<String, Object> values = Map.of("aws.iot.mqtt5.endpoint", broker.getHost(), "aws.iot.mqtt5.port",
                broker.getPort(), "aws.iot.mqtt5.tls.enabled", false);
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, values));
    }
}
