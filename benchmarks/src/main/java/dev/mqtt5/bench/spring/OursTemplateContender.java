package dev.mqtt5.bench.spring;

import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.spring.core.Mqtt5Headers;
import dev.mqtt5.spring.core.Mqtt5Template;
import dev.mqtt5.spring.listener.Mqtt5Listener;
import java.util.Map;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Ours, as an application uses it: the starter's auto-configuration (one client), {@code Mqtt5Template.convertAndSendAsync}
 * with the QoS as a header, and an {@code @Mqtt5Listener} method taking the record (JSON converted
 * by the auto-configured converters). Defaults otherwise: listener concurrency 1, its default threads.
 */
final class OursTemplateContender implements SpringContender {

    private static final Map<String, Object> QOS_0 = Map.of(Mqtt5Headers.QOS, QoS.AT_MOST_ONCE);
    private static final Map<String, Object> QOS_1 = Map.of(Mqtt5Headers.QOS, QoS.AT_LEAST_ONCE);

    private ConfigurableApplicationContext context;
    private Mqtt5Template template;
    private String topic;

    @Override
    public void start(int port, String clientId, String topic, Deliveries deliveries) {
        this.topic = topic;
        context = SpringApps.run(App.class, port, clientId, topic, deliveries);
        template = context.getBean(Mqtt5Template.class);
    }

    @Override
    public void send(Telemetry telemetry, int qos) {
        template.convertAndSendAsync(topic, telemetry, qos == 0 ? QOS_0 : QOS_1);
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
        @Bean
        Listener benchListener(Deliveries benchDeliveries) {
            return new Listener(benchDeliveries);
        }
    }

    static final class Listener {
        private final Deliveries deliveries;

        Listener(Deliveries deliveries) {
            this.deliveries = deliveries;
        }

        @Mqtt5Listener(topics = "${bench.topic}", qos = QoS.AT_LEAST_ONCE)
        public void onTelemetry(Telemetry telemetry) {
            deliveries.accept(telemetry);
        }
    }
}
