package dev.mqtt5.bench.spring;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.spring.core.Mqtt5Headers;
import dev.mqtt5.spring.integration.Mqtt5;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Ours through Spring Integration: the starter's client, {@code Mqtt5.inboundAdapter} (payload as
 * String, then {@code Transformers.fromJson}, as the adapter's documentation says for JSON) into a
 * handler, and a flow from a direct channel through {@code Transformers.toJson()} into
 * {@code Mqtt5.outboundAdapter} with {@code async(true)} (return without waiting for the broker,
 * the setting for throughput); the same flow shape as the Paho contender's. QoS per message from the {@code mqtt5_qos} header.
 */
final class OursIntegrationContender implements SpringContender {

    private ConfigurableApplicationContext context;
    private MessageChannel toMqtt;

    @Override
    public void start(int port, String clientId, String topic, Deliveries deliveries) {
        context = SpringApps.run(App.class, port, clientId, topic, deliveries);
        toMqtt = context.getBean("toMqtt.input", MessageChannel.class);
    }

    @Override
    public void send(Telemetry telemetry, int qos) {
        toMqtt.send(MessageBuilder.withPayload(telemetry).setHeader(Mqtt5Headers.QOS, qos).build());
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableIntegration
    static class App {
        @Bean
        IntegrationFlow fromMqtt(Mqtt5Client client, Environment environment, Deliveries benchDeliveries) {
            return IntegrationFlow.from(Mqtt5.inboundAdapter(client, environment.getRequiredProperty("bench.topic"))
                            .qos(QoS.AT_LEAST_ONCE).payloadType(String.class))
                    .transform(Transformers.fromJson(Telemetry.class))
                    .handle(Telemetry.class, (telemetry, headers) -> {
                        benchDeliveries.accept(telemetry);
                        return null;
                    })
                    .get();
        }

        @Bean
        IntegrationFlow toMqtt(Mqtt5Client client, Environment environment) {
            return flow -> flow.transform(Transformers.toJson()).handle(Mqtt5.outboundAdapter(client)
                    .defaultTopic(environment.getRequiredProperty("bench.topic"))
                    .async(true));
        }
    }
}
