package dev.mqtt5.spring.test;

import java.time.Duration;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.spring.health.Mqtt5HealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A full Spring Boot context whose client connects to the broker {@link EmbeddedMqtt5Broker} starts. */
@SpringBootTest(properties = { "aws.iot.mqtt5.client-id=boot-test", "aws.iot.mqtt5.reconnect.min-delay=100ms",
        "aws.iot.mqtt5.reconnect.max-delay=500ms" })
@EmbeddedMqtt5Broker
class EmbeddedMqtt5BrokerIntegrationTests {

    @Autowired
    private Mqtt5Client client;

    @Autowired
    private EmbeddedMqttBroker broker;

    @Autowired
    private Mqtt5HealthIndicator health;

    @Test
    void theAutoConfiguredClientConnectsToTheEmbeddedBrokerAndHealthIsUp() {
        assertThat(this.client.options().hostName()).isEqualTo(this.broker.getHost());
        assertThat(this.client.options().port()).isEqualTo(this.broker.getPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> this.health.health().getStatus().equals(Status.UP));
        assertThat(this.health.health().getDetails()).containsEntry("clientId", "boot-test");
        assertThat(this.client.publish(PublishPacket.builder().topic("boot/test").payload("x").qos(QoS.AT_LEAST_ONCE)
            .build()).join().isError()).isFalse();
    }

    @Test
    void healthGoesDownWhenTheBrokerStopsAndUpWhenItReturns() {
        await().atMost(Duration.ofSeconds(10)).until(() -> this.health.health().getStatus().equals(Status.UP));
        this.broker.stop();
        await().atMost(Duration.ofSeconds(15)).until(() -> this.health.health().getStatus().equals(Status.DOWN));
        assertThat(this.health.health().getDetails()).containsKey("lastFailure");
        this.broker.restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> this.health.health().getStatus().equals(Status.UP));
    }

    @SpringBootApplication
    static class TestApplication {

    }
}
