package dev.mqtt5.spring.test;

import java.time.Duration;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code aws.iot.mqtt5.embedded-broker.enabled} starts a broker for a running application. */
class EmbeddedBrokerPropertyTests {

    @Test
    void thePropertyStartsABrokerTheClientConnectsToAndClosingTheContextStopsIt() {
        SpringApplication application = new SpringApplication(DevApplication.class);
        EmbeddedMqttBroker broker;
        try (ConfigurableApplicationContext context = application.run("--aws.iot.mqtt5.embedded-broker.enabled=true",
                "--aws.iot.mqtt5.endpoint=ignored.example", "--spring.main.banner-mode=off")) {
            broker = context.getBean(EmbeddedMqttBroker.class);
            Mqtt5Client client = context.getBean(Mqtt5Client.class);
            assertThat(client.options().hostName()).isEqualTo("127.0.0.1");
            assertThat(client.options().port()).isEqualTo(broker.getPort());
            await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ClientState.CONNECTED);
        }
        assertThat(broker.isClosed()).isTrue();
    }

    @Test
    void withoutThePropertyNoBrokerStarts() {
        SpringApplication application = new SpringApplication(DevApplication.class);
        try (ConfigurableApplicationContext context = application.run("--aws.iot.mqtt5.endpoint=127.0.0.1",
                "--aws.iot.mqtt5.auto-startup=false", "--spring.main.banner-mode=off")) {
            assertThat(context.getBeansOfType(EmbeddedMqttBroker.class)).isEmpty();
        }
    }

    @SpringBootApplication
    static class DevApplication {

    }
}
