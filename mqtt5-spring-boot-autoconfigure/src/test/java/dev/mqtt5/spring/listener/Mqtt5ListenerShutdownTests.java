package dev.mqtt5.spring.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.spring.testing.RestartableMosquitto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shutdown drains the listeners before the client disconnects: a listener running when the
 * context closes finishes and its publish is acknowledged once; publishes that arrive after the
 * listeners stopped are not acknowledged, so the persistent session gets them again.
 */
class Mqtt5ListenerShutdownTests {

    private RestartableMosquitto broker;

    @AfterEach
    void stopBroker() {
        if (this.broker != null) {
            this.broker.close();
        }
    }

    static class SlowListener {

        final CountDownLatch entered = new CountDownLatch(1);

        final BlockingQueue<String> finished = new LinkedBlockingQueue<>();

        final AtomicBoolean interrupted = new AtomicBoolean();

        @Mqtt5Listener(id = "slow", topics = "drain/work", qos = QoS.AT_LEAST_ONCE)
        void on(String text) {
            this.entered.countDown();
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException ex) {
                this.interrupted.set(true);
                Thread.currentThread().interrupt();
            }
            this.finished.add(text);
        }
    }

    private ApplicationContextRunner app(String clientId) {
        return ListenerTestSupport.runner(this.broker.host(), this.broker.tcpPort(), clientId)
            .withPropertyValues("aws.iot.mqtt5.session-expiry=1h");
    }

    @Test
    void aListenerRunningAtShutdownFinishesAndLaterPublishesStayWithTheSession() throws Exception {
        this.broker = RestartableMosquitto.launch();
        Mqtt5Client peer = ListenerTestSupport.peer(this.broker.host(), this.broker.tcpPort(), "peer-drain");
        try {
            app("app-drain").withBean(SlowListener.class).run((context) -> {
                SlowListener listener = context.getBean(SlowListener.class);
                Mqtt5ListenerEndpointRegistry registry = context.getBean(Mqtt5ListenerEndpointRegistry.class);
                Mqtt5ListenerIntegrationTests.awaitSubscribed(registry);
                peer.publish(work("one")).join();
                assertThat(listener.entered.await(10, TimeUnit.SECONDS)).isTrue();

                Thread closer = new Thread(() -> ((ConfigurableApplicationContext) context).close());
                closer.start();
                Mqtt5ListenerContainer container = registry.getListenerContainer("slow");
                await().atMost(Duration.ofSeconds(5)).until(() -> !container.isRunning());
                // Arrives while "one" is still being handled, after the listeners stopped taking work.
                peer.publish(work("two")).join();
                await().atMost(Duration.ofSeconds(5)).until(() -> container.withheldCount() == 1);
                closer.join(15_000);
                assertThat(closer.isAlive()).isFalse();

                assertThat(listener.finished).containsExactly("one");
                assertThat(listener.interrupted).isFalse();
            });
            // The same session: "one" was acknowledged (not sent again), "two" was not (sent again).
            assertThat(resumeAndCollect("app-drain")).containsExactly("two");
        } finally {
            peer.close();
        }
    }

    @Test
    void aListenerStillRunningAtTheShutdownTimeoutIsNotAcknowledged() throws Exception {
        this.broker = RestartableMosquitto.launch();
        Mqtt5Client peer = ListenerTestSupport.peer(this.broker.host(), this.broker.tcpPort(), "peer-timeout");
        try {
            app("app-timeout").withBean(SlowListener.class)
                .withPropertyValues("aws.iot.mqtt5.listener.shutdown-timeout=300ms")
                .run((context) -> {
                    SlowListener listener = context.getBean(SlowListener.class);
                    Mqtt5ListenerIntegrationTests.awaitSubscribed(context.getBean(Mqtt5ListenerEndpointRegistry.class));
                    peer.publish(work("late")).join();
                    assertThat(listener.entered.await(10, TimeUnit.SECONDS)).isTrue();
                    long start = System.nanoTime();
                    ((ConfigurableApplicationContext) context).close();
                    // Not held for the listener's two seconds, and not interrupted either.
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
                    assertThat(listener.interrupted).isFalse();
                });
            // Its acknowledgement was lost with the connection: the session has it still.
            assertThat(resumeAndCollect("app-timeout")).containsExactly("late");
        } finally {
            peer.close();
        }
    }

    private static PublishPacket work(String text) {
        return PublishPacket.builder().topic("drain/work").payload(text).qos(QoS.AT_LEAST_ONCE).build();
    }

    /** Resumes the application's session with a plain client and returns what the broker sends it within 1.5 s. */
    private List<String> resumeAndCollect(String clientId) throws InterruptedException {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Mqtt5Client resumed = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(this.broker.host())
            .port(this.broker.tcpPort()).sessionBehavior(SessionBehavior.REJOIN_ALWAYS)
            .connectOptions(ConnectPacket.builder().clientId(clientId).sessionExpiryInterval(Duration.ofHours(1)).build())
            .publishReceivedListener((publish) -> received.add(publish.payloadAsString()))
            .build());
        resumed.start();
        try {
            Thread.sleep(1_500);
            return List.copyOf(received);
        } finally {
            resumed.close();
        }
    }
}
