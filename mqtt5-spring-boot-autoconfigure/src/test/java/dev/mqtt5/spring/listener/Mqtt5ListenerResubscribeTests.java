package dev.mqtt5.spring.listener;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.spring.core.Mqtt5Template;
import dev.mqtt5.spring.testing.RestartableMosquitto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Subscriptions come back by themselves after a broker restart that lost the session. */
class Mqtt5ListenerResubscribeTests {

    private RestartableMosquitto broker;

    @AfterEach
    void stopBroker() {
        if (this.broker != null) {
            this.broker.close();
        }
    }

    static class Listener {

        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Mqtt5Listener(topics = "restart/{n}")
        String on(String text) {
            this.received.add(text);
            return "ack " + text;
        }
    }

    @Test
    void listenersAndTheReplySubscriptionSubscribeAgainWhenTheSessionIsLost() {
        this.broker = RestartableMosquitto.launch();
        ListenerTestSupport.runner(this.broker.host(), this.broker.tcpPort(), "app-resubscribe")
            .withBean(Listener.class)
            .run((context) -> {
                Listener listener = context.getBean(Listener.class);
                Mqtt5Template template = context.getBean(Mqtt5Template.class);
                Mqtt5ListenerIntegrationTests.awaitSubscribed(context.getBean(Mqtt5ListenerEndpointRegistry.class));
                assertThat(template.sendAndReceive("restart/1", "one", ListenerTestSupport.WAIT).join().getPayload())
                    .asString().isEqualTo("ack one");
                listener.received.clear();

                // mosquitto without persistence forgets every session: the next CONNACK says Session Present 0
                this.broker.stop();
                this.broker.start();
                Mqtt5Client peer = ListenerTestSupport.peer(this.broker.host(), this.broker.tcpPort(), "peer-restart");
                try {
                    await().atMost(ListenerTestSupport.WAIT).until(() -> {
                        peer.publish(PublishPacket.builder().topic("restart/2").payload("two").qos(QoS.AT_LEAST_ONCE)
                            .build()).join();
                        return listener.received.poll(200, TimeUnit.MILLISECONDS) != null;
                    });
                }
                finally {
                    peer.close();
                }
                assertThat(template.sendAndReceive("restart/3", "three", ListenerTestSupport.WAIT).join().getPayload())
                    .asString().isEqualTo("ack three");
            });
    }
}
