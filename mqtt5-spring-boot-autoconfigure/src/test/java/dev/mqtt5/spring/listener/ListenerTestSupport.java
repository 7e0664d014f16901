package dev.mqtt5.spring.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.spring.autoconfigure.Mqtt5AutoConfiguration;
import dev.mqtt5.spring.autoconfigure.listener.Mqtt5ListenerAutoConfiguration;
import dev.mqtt5.spring.autoconfigure.template.Mqtt5TemplateAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/** Shared setup of the listener and template tests: a context runner against a broker, and a plain test client. */
final class ListenerTestSupport {

    static final Duration WAIT = Duration.ofSeconds(10);

    private ListenerTestSupport() {
    }

    static ApplicationContextRunner runner(String host, int port, String clientId) {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class,
                    JacksonAutoConfiguration.class, ValidationAutoConfiguration.class, Mqtt5AutoConfiguration.class,
                    Mqtt5ListenerAutoConfiguration.class, Mqtt5TemplateAutoConfiguration.class))
            .withPropertyValues("aws.iot.mqtt5.endpoint=" + host, "aws.iot.mqtt5.port=" + port,
                    "aws.iot.mqtt5.client-id=" + clientId, "aws.iot.mqtt5.startup.wait-for-connection=true",
                    "aws.iot.mqtt5.reconnect.min-delay=100ms", "aws.iot.mqtt5.reconnect.max-delay=300ms");
    }

    /** A plain client, connected, for publishing to and observing the application under test. */
    static Mqtt5Client peer(String host, int port, String clientId) {
        Mqtt5Client client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(host).port(port)
            .connectOptions(ConnectPacket.builder().clientId(clientId).build()).build());
        client.start();
        return client;
    }

    /** Subscribes the peer and returns the queue its publishes arrive in. */
    static BlockingQueue<PublishPacket> collect(Mqtt5Client peer, String filter) {
        BlockingQueue<PublishPacket> received = new LinkedBlockingQueue<>();
        peer.subscribe(SubscribePacket.of(filter, QoS.AT_LEAST_ONCE), received::add).join();
        return received;
    }

    static PublishPacket poll(BlockingQueue<PublishPacket> queue) throws InterruptedException {
        return queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static <T> T take(BlockingQueue<T> queue) throws InterruptedException {
        return queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static PublishPacket json(String topic, String json, String... userProperties) {
        PublishPacket.Builder builder = PublishPacket.builder().topic(topic).payload(json).qos(QoS.AT_LEAST_ONCE)
            .contentType("application/json");
        for (int i = 0; i + 1 < userProperties.length; i += 2) {
            builder.userProperty(userProperties[i], userProperties[i + 1]);
        }
        return builder.build();
    }

    static List<String> names(List<dev.mqtt5.client.packet.UserProperty> properties) {
        return properties.stream().map(dev.mqtt5.client.packet.UserProperty::name).toList();
    }
}
