package dev.mqtt5.spring.docs;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import dev.mqtt5.spring.docs.PlainSpringReadmeSnippets.Heating;
import dev.mqtt5.spring.docs.PlainSpringReadmeSnippets.MqttConfig;
import dev.mqtt5.spring.listener.EnableMqtt5Listeners;
import dev.mqtt5.spring.listener.Mqtt5Listener;
import dev.mqtt5.spring.listener.Mqtt5ListenerContainer;
import dev.mqtt5.spring.listener.Mqtt5ListenerEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @EnableMqtt5Listeners} in a plain Spring context (no Spring Boot), as the README shows
 * it: listener methods subscribe when the context starts and receive publishes from a real broker,
 * with the standard payload conversion when the context defines no converter.
 */
@ExtendWith(MosquittoExtension.class)
class EnableMqtt5ListenersTests {

    @Test
    void aPlainSpringContextSubscribesListenerMethodsAndDeliversPublishesToThem(MosquittoBroker broker)
            throws Exception {
        BlockingQueue<String> reports = new LinkedBlockingQueue<>();
        Mqtt5Client client;
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
                Mqtt5Client peer = peer(broker)) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("broker",
                    Map.of("mqtt.host", broker.host(), "mqtt.port", broker.tcpPort())));
            context.registerBean(Heating.class, () -> (room, celsius) -> reports.add(room + " " + celsius));
            context.register(MqttConfig.class);
            context.refresh();
            Mqtt5ListenerEndpointRegistry registry = context.getBean(Mqtt5ListenerEndpointRegistry.class);
            assertThat(registry.isRunning()).isTrue();
            await().atMost(10, TimeUnit.SECONDS).until(() -> !registry.getListenerContainers().isEmpty()
                    && registry.getListenerContainers().stream().allMatch(Mqtt5ListenerContainer::isSubscribed));

            peer.start();
            peer.publish(PublishPacket.builder().topic("sensors/kitchen/temperature").payload("21.5")
                .qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);

            assertThat(reports.poll(10, TimeUnit.SECONDS)).isEqualTo("kitchen 21.5");
            client = context.getBean(Mqtt5Client.class);
        }
        assertThat(client.state()).isEqualTo(ClientState.STOPPED);
    }

    @Test
    void withoutConverterBeansJsonPayloadsAreReadWithJackson(MosquittoBroker broker) throws Exception {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
                Mqtt5Client peer = peer(broker)) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("broker",
                    Map.of("mqtt.host", broker.host(), "mqtt.port", broker.tcpPort())));
            context.register(JsonListenerConfig.class);
            context.refresh();
            Mqtt5ListenerEndpointRegistry registry = context.getBean(Mqtt5ListenerEndpointRegistry.class);
            await().atMost(10, TimeUnit.SECONDS).until(() -> !registry.getListenerContainers().isEmpty()
                    && registry.getListenerContainers().stream().allMatch(Mqtt5ListenerContainer::isSubscribed));

            peer.start();
            peer.publish(PublishPacket.builder().topic("readings").payload("{\"room\":\"hall\",\"celsius\":19.5}")
                .qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);

            assertThat(context.getBean(JsonListenerConfig.class).readings.poll(10, TimeUnit.SECONDS))
                .isEqualTo(new Reading("hall", 19.5));
        }
    }

    record Reading(String room, double celsius) {
    }

    @Configuration
    @EnableMqtt5Listeners
    static class JsonListenerConfig {

        final BlockingQueue<Reading> readings = new LinkedBlockingQueue<>();

        @Bean
        Mqtt5Client mqtt5Client(Environment environment) {
            Mqtt5Client client = new Mqtt5Client(Mqtt5ClientOptions.builder()
                .hostName(environment.getRequiredProperty("mqtt.host"))
                .port(environment.getRequiredProperty("mqtt.port", Integer.class))
                .connectOptions(ConnectPacket.builder().clientId("json-listener").build())
                .build());
            client.start();
            return client;
        }

        @Mqtt5Listener(topics = "readings")
        void onReading(Reading reading) {
            this.readings.add(reading);
        }
    }

    private static Mqtt5Client peer(MosquittoBroker broker) {
        return new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(broker.host()).port(broker.tcpPort())
            .connectOptions(ConnectPacket.builder().clientId("peer").build()).build());
    }
}
