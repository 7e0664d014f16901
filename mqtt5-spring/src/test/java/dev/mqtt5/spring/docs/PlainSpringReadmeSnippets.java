package dev.mqtt5.spring.docs;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.spring.listener.EnableMqtt5Listeners;
import dev.mqtt5.spring.listener.Mqtt5Listener;
import dev.mqtt5.spring.listener.TopicVariable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The top-level README's "Using the runtime without Spring Boot" code, compiled with this
 * module's tests and run by {@code EnableMqtt5ListenersTests}: the README block is the region of
 * the same tag here ({@code ReadmeSnippetsTests} in mqtt5-spring-boot-test checks that they match).
 */
final class PlainSpringReadmeSnippets {

    private PlainSpringReadmeSnippets() {
    }

    /** Where the thermostat reports readings; the test records them. */
    interface Heating {
        void report(String room, String celsius);
    }

    // tag::plain-spring[]
    @Configuration
    @EnableMqtt5Listeners
    static class MqttConfig {

        @Bean
        Mqtt5Client mqtt5Client(Environment environment) {
            Mqtt5Client client = new Mqtt5Client(Mqtt5ClientOptions.builder()
                    .hostName(environment.getRequiredProperty("mqtt.host"))
                    .port(environment.getRequiredProperty("mqtt.port", Integer.class))
                    .connectOptions(ConnectPacket.builder().clientId("thermostat").build())
                    .build());
            client.start();          // closing the context stops the listeners, then closes the client
            return client;
        }

        @Bean
        Thermostat thermostat(Heating heating) {
            return new Thermostat(heating);
        }
    }

    static class Thermostat {

        private final Heating heating;

        Thermostat(Heating heating) {
            this.heating = heating;
        }

        @Mqtt5Listener(topics = "sensors/{room}/temperature")
        void onReading(@TopicVariable("room") String room, String celsius) {
            this.heating.report(room, celsius);
        }
    }
    // end::plain-spring[]
}
