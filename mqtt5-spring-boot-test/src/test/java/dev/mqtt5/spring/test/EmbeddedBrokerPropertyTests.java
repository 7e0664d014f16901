package dev.mqtt5.spring.test;

import java.time.Duration;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.exception.ClientStoppedException;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.lifecycle.StoppedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
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
            assertThat(context.getBeansOfType(AwsIotEmulator.class)).as("the AWS IoT emulator is opt-in").isEmpty();
            Mqtt5Client client = context.getBean(Mqtt5Client.class);
            assertThat(client.options().hostName()).isEqualTo("127.0.0.1");
            assertThat(client.options().port()).isEqualTo(broker.getPort());
            await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ClientState.CONNECTED);
        }
        assertThat(broker.isClosed()).isTrue();
    }

    @Test
    void theBrokerStopsAfterTheClientSoTheClientEndsWithItsOwnDisconnect() {
        SpringApplication application = new SpringApplication(DevApplication.class, StopWatching.class);
        StopWatching watching;
        EmbeddedMqttBroker broker;
        try (ConfigurableApplicationContext context = application.run("--aws.iot.mqtt5.embedded-broker.enabled=true",
                "--aws.iot.mqtt5.endpoint=ignored.example", "--spring.main.banner-mode=off")) {
            broker = context.getBean(EmbeddedMqttBroker.class);
            watching = context.getBean(StopWatching.class);
            Mqtt5Client client = context.getBean(Mqtt5Client.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ClientState.CONNECTED);
        }
        assertThat(broker.isClosed()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> watching.stopped);
        // Cut off by a broker already closed, the cause would be the server closing the connection.
        assertThat(watching.disconnections).singleElement()
            .isInstanceOf(ClientStoppedException.class);
        assertThat(watching.brokerClosedAtDisconnection).isFalse();
    }

    /** Records how the client's connection ended, and whether the broker was closed by then. */
    static class StopWatching implements LifecycleListener {

        final List<Throwable> disconnections = new CopyOnWriteArrayList<>();

        volatile boolean brokerClosedAtDisconnection;

        volatile boolean stopped;

        private final ObjectProvider<EmbeddedMqttBroker> broker;

        StopWatching(ObjectProvider<EmbeddedMqttBroker> broker) {
            this.broker = broker;
        }

        @Override
        public void onDisconnection(DisconnectionEvent event) {
            this.brokerClosedAtDisconnection = this.broker.getObject().isClosed();
            this.disconnections.add(event.cause());
        }

        @Override
        public void onStopped(StoppedEvent event) {
            this.stopped = true;
        }
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
