package dev.mqtt5.spring.test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The embedded HiveMQ CE broker speaks MQTT 5 with the client on Boot's Netty. */
class EmbeddedMqttBrokerTests {

    @Test
    void aClientConnectsSubscribesAndReceivesItsOwnQos1Publish() throws Exception {
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start(0)) {
            CompletableFuture<PublishPacket> received = new CompletableFuture<>();
            Mqtt5Client client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(broker.getHost())
                .port(broker.getPort()).connectOptions(ConnectPacket.builder().clientId("embedded-test").build())
                .publishReceivedListener(received::complete).build());
            try {
                client.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ClientState.CONNECTED);
                client.subscribe(SubscribePacket.of("t/#", QoS.AT_LEAST_ONCE))
                    .get(10, TimeUnit.SECONDS);
                client.publish(PublishPacket.builder().topic("t/1").payload("hello").qos(QoS.AT_LEAST_ONCE).build())
                    .get(10, TimeUnit.SECONDS);
                assertThat(new String(received.get(10, TimeUnit.SECONDS).payload())).isEqualTo("hello");
                assertThat(client.negotiatedSettings().clientId()).isEqualTo("embedded-test");
            } finally {
                client.close();
            }
        }
    }
}
