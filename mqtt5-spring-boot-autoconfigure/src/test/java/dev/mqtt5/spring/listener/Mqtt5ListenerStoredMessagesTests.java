package dev.mqtt5.spring.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.spring.testing.RestartableMosquitto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restarted application with a persistent session: what the broker stored while it was away
 * arrives right after CONNACK, before the listeners subscribe again, and still reaches the
 * {@code @Mqtt5Listener} whose filter matches; what no listener takes is not acknowledged.
 */
class Mqtt5ListenerStoredMessagesTests {

    private RestartableMosquitto broker;

    @AfterEach
    void stopBroker() {
        if (this.broker != null) {
            this.broker.close();
        }
    }

    static class OrdersListener {

        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Mqtt5Listener(topics = "stored/orders", qos = QoS.AT_LEAST_ONCE)
        void on(String text) {
            this.received.add(text);
        }
    }

    static class AuditListener {

        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Mqtt5Listener(topics = "stored/audit", qos = QoS.AT_LEAST_ONCE)
        void on(String text) {
            this.received.add(text);
        }
    }

    private ApplicationContextRunner app() {
        return ListenerTestSupport.runner(this.broker.host(), this.broker.tcpPort(), "app-stored")
            .withPropertyValues("aws.iot.mqtt5.session-expiry=1h");
    }

    @Test
    void storedMessagesReachTheirListenerAndUnhandledOnesStayWithTheSession() throws Exception {
        this.broker = RestartableMosquitto.launch();
        // First run: subscribes to both topics, in the session.
        app().withBean(OrdersListener.class).withBean(AuditListener.class).run((context) ->
                Mqtt5ListenerIntegrationTests.awaitSubscribed(context.getBean(Mqtt5ListenerEndpointRegistry.class)));

        // While the application is away.
        Mqtt5Client peer = ListenerTestSupport.peer(this.broker.host(), this.broker.tcpPort(), "peer-stored");
        try {
            for (int i = 0; i < 5; i++) {
                peer.publish(message("stored/orders", "order-" + i)).join();
                peer.publish(message("stored/audit", "audit-" + i)).join();
            }
        } finally {
            peer.close();
        }

        // Second run: only the orders listener. The stored orders reach it (before its SUBSCRIBE
        // goes out); the stored audit messages reach no code and are not acknowledged.
        app().withBean(OrdersListener.class).run((context) -> {
            OrdersListener orders = context.getBean(OrdersListener.class);
            assertThat(drain(orders.received, 5)).containsExactly("order-0", "order-1", "order-2", "order-3", "order-4");
            Thread.sleep(300);
        });

        // Third run: the audit listener is back and gets what the second run left with the session.
        app().withBean(OrdersListener.class).withBean(AuditListener.class).run((context) -> {
            AuditListener audit = context.getBean(AuditListener.class);
            assertThat(drain(audit.received, 5)).containsExactly("audit-0", "audit-1", "audit-2", "audit-3", "audit-4");
            assertThat(context.getBean(OrdersListener.class).received.poll(300, TimeUnit.MILLISECONDS))
                .as("orders acknowledged in the second run are not sent again").isNull();
        });
    }

    private static PublishPacket message(String topic, String text) {
        return PublishPacket.builder().topic(topic).payload(text).qos(QoS.AT_LEAST_ONCE).build();
    }

    private static List<String> drain(BlockingQueue<String> queue, int count) throws InterruptedException {
        List<String> texts = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (texts.size() < count && System.nanoTime() < deadline) {
            String text = queue.poll(100, TimeUnit.MILLISECONDS);
            if (text != null) {
                texts.add(text);
            }
        }
        return texts;
    }
}
