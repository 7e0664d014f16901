package dev.mqtt5.spring.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.spring.core.Mqtt5Template;
import dev.mqtt5.spring.testing.RestartableMosquitto;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listeners on virtual threads ({@code spring.threads.virtual.enabled=true}, Java 21+; run by
 * {@code ./run-tests.sh} in its pass on the newest JDK): a listener that blocks on a QoS 1
 * publish, no virtual thread pinned in our code (JFR's {@code jdk.VirtualThreadPinned}), and
 * shutdown draining a blocked listener.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class Mqtt5ListenerVirtualThreadTests {

    private RestartableMosquitto broker;

    @AfterEach
    void stopBroker() {
        if (this.broker != null) {
            this.broker.close();
        }
    }

    /** Forwards each command as a QoS 1 event, waiting for the broker's PUBACK in the listener. */
    static class Forwarder {

        final Mqtt5Template template;

        final List<Boolean> virtual = new CopyOnWriteArrayList<>();

        Forwarder(Mqtt5Template template) {
            this.template = template;
        }

        @Mqtt5Listener(topics = "vt/commands", qos = QoS.AT_LEAST_ONCE, concurrency = "4")
        void on(String command) throws Exception {
            this.virtual.add(isVirtual(Thread.currentThread()));
            this.template.publishSync(PublishPacket.builder().topic("vt/events").payload("done " + command)
                .qos(QoS.AT_LEAST_ONCE).build());
        }
    }

    private ApplicationContextRunner app(String clientId) {
        return ListenerTestSupport.runner(this.broker.host(), this.broker.tcpPort(), clientId)
            .withPropertyValues("spring.threads.virtual.enabled=true");
    }

    @Test
    void listenersThatBlockOnAPublishRunOnVirtualThreadsWithoutPinningInOurCode() throws Exception {
        this.broker = RestartableMosquitto.launch();
        List<String> pinnedInOurCode = new CopyOnWriteArrayList<>();
        try (RecordingStream pinning = new RecordingStream()) {
            pinning.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            pinning.onEvent("jdk.VirtualThreadPinned", (event) -> {
                String frames = ourFrames(event);
                if (!frames.isEmpty()) {
                    pinnedInOurCode.add(frames);
                }
            });
            pinning.startAsync();
            Mqtt5Client peer = ListenerTestSupport.peer(this.broker.host(), this.broker.tcpPort(), "peer-vt");
            try {
                BlockingQueue<PublishPacket> events = ListenerTestSupport.collect(peer, "vt/events");
                app("app-vt").withBean(Forwarder.class).run((context) -> {
                    Mqtt5ListenerIntegrationTests.awaitSubscribed(context.getBean(Mqtt5ListenerEndpointRegistry.class));
                    for (int i = 0; i < 200; i++) {
                        peer.publish(PublishPacket.builder().topic("vt/commands").payload("c" + i)
                            .qos(QoS.AT_LEAST_ONCE).build());
                    }
                    for (int i = 0; i < 200; i++) {
                        assertThat(ListenerTestSupport.poll(events)).as("event %d", i).isNotNull();
                    }
                    assertThat(context.getBean(Forwarder.class).virtual).hasSize(200).containsOnly(true);
                });
            } finally {
                peer.close();
            }
            // Events are delivered to the stream within a second or so of being committed.
            Thread.sleep(1_500);
        }
        assertThat(pinnedInOurCode).isEmpty();
    }

    @Test
    void shutdownLetsABlockedVirtualThreadListenerFinish() throws Exception {
        this.broker = RestartableMosquitto.launch();
        Mqtt5Client peer = ListenerTestSupport.peer(this.broker.host(), this.broker.tcpPort(), "peer-vt-drain");
        try {
            app("app-vt-drain").withBean(Mqtt5ListenerShutdownTests.SlowListener.class).run((context) -> {
                Mqtt5ListenerShutdownTests.SlowListener slow = context.getBean(Mqtt5ListenerShutdownTests.SlowListener.class);
                Mqtt5ListenerIntegrationTests.awaitSubscribed(context.getBean(Mqtt5ListenerEndpointRegistry.class));
                peer.publish(PublishPacket.builder().topic("drain/work").payload("one").qos(QoS.AT_LEAST_ONCE).build())
                    .join();
                assertThat(slow.entered.await(10, TimeUnit.SECONDS)).isTrue();
                ((ConfigurableApplicationContext) context).close();
                assertThat(slow.finished).containsExactly("one");
                assertThat(slow.interrupted).isFalse();
            });
        } finally {
            peer.close();
        }
    }

    private static boolean isVirtual(Thread thread) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The frames of a pinning event's stack that are ours, or empty. */
    private static String ourFrames(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return "";
        }
        StringBuilder frames = new StringBuilder();
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("dev.mqtt5.") && !type.contains("Tests")) {
                frames.append(type).append('.').append(frame.getMethod().getName()).append(' ');
            }
        }
        return frames.toString();
    }
}
