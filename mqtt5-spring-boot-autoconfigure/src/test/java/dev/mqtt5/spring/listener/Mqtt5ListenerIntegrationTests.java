package dev.mqtt5.spring.listener;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mqtt5.client.Acknowledgement;
import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.spring.core.Mqtt5Headers;
import dev.mqtt5.spring.core.Mqtt5Template;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.SendTo;

import static dev.mqtt5.spring.listener.ListenerTestSupport.collect;
import static dev.mqtt5.spring.listener.ListenerTestSupport.json;
import static dev.mqtt5.spring.listener.ListenerTestSupport.poll;
import static dev.mqtt5.spring.listener.ListenerTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @Mqtt5Listener} methods in a full context against a real mosquitto: argument resolution,
 * replies, error handling, manual acknowledgement, runtime start/stop, shared groups, concurrency.
 */
class Mqtt5ListenerIntegrationTests {

    private static MosquittoBroker broker;

    private Mqtt5Client peer;

    @BeforeAll
    static void startBroker() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void connectPeer() {
        this.peer = ListenerTestSupport.peer(broker.host(), broker.tcpPort(), "peer");
    }

    @AfterEach
    void closePeer() {
        this.peer.close();
    }

    record Telemetry(@NotBlank String sensor, @PositiveOrZero double value) {
    }

    record Received(String deviceId, Telemetry telemetry, String topic, QoS qos, String contentType, String tenant,
            Map<String, String> all, PublishPacket raw) {
    }

    static class TelemetryListener {

        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

        @Mqtt5Listener(topics = "${app.telemetry-topic}", qos = QoS.AT_LEAST_ONCE)
        void onTelemetry(@TopicVariable("deviceId") String deviceId, @Valid Telemetry telemetry,
                @Header(Mqtt5Headers.RECEIVED_TOPIC) String topic, @Header(Mqtt5Headers.RECEIVED_QOS) QoS qos,
                @Header(Mqtt5Headers.CONTENT_TYPE) String contentType, @UserProperty("tenant") String tenant,
                @UserProperty Map<String, String> all, PublishPacket raw) {
            this.received.add(new Received(deviceId, telemetry, topic, qos, contentType, tenant, all, raw));
        }

        @Mqtt5Listener(topics = "raw/bytes")
        void onBytes(byte[] payload) {
            this.received.add(new String(payload, StandardCharsets.UTF_8));
        }

        @Mqtt5Listener(topics = "raw/buffer")
        void onBuffer(ByteBuffer payload) {
            this.received.add(payload.remaining());
        }
    }

    @Test
    void jsonPayloadTopicVariablesHeadersAndUserPropertiesReachTheMethod() {
        ListenerTestSupport.runner(broker.host(), broker.tcpPort(), "app-args")
            .withPropertyValues("app.telemetry-topic=devices/{deviceId}/telemetry")
            .withBean(TelemetryListener.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                TelemetryListener listener = context.getBean(TelemetryListener.class);
                awaitSubscribed(context.getBean(Mqtt5ListenerEndpointRegistry.class));
                this.peer.publish(json("devices/d-7/telemetry", "{\"sensor\":\"temp\",\"value\":21.5}", "tenant", "acme",
                        "site", "north")).join();
                Received received = (Received) take(listener.received);
                assertThat(received).isNotNull();
                assertThat(received.deviceId()).isEqualTo("d-7");
                assertThat(received.telemetry()).isEqualTo(new Telemetry("temp", 21.5));
                assertThat(received.topic()).isEqualTo("devices/d-7/telemetry");
                assertThat(received.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
                assertThat(received.contentType()).isEqualTo("application/json");
                assertThat(received.tenant()).isEqualTo("acme");
                assertThat(received.all()).containsExactly(Map.entry("tenant", "acme"), Map.entry("site", "north"));
                assertThat(received.raw().topic()).isEqualTo("devices/d-7/telemetry");

                this.peer.publish(PublishPacket.builder().topic("raw/bytes").payload("hello").qos(QoS.AT_LEAST_ONCE)
                    .build()).join();
                assertThat(take(listener.received)).isEqualTo("hello");
                this.peer.publish(PublishPacket.builder().topic("raw/buffer").payload(new byte[] { 1, 2, 3 })
                    .qos(QoS.AT_LEAST_ONCE).build()).join();
                assertThat(take(listener.received)).isEqualTo(3);
            });
    }

    record Command(String action) {
    }

    record CommandResult(String action, String status) {
    }

    static class CommandListener {

        @Mqtt5Listener(topics = "devices/{deviceId}/commands")
        CommandResult onCommand(@TopicVariable("deviceId") String deviceId, Command command) {
            return new CommandResult(command.action(), "done by " + deviceId);
        }

        @Mqtt5Listener(topics = "audit/in")
        @SendTo("audit/out")
        String audit(String text) {
            return text.toUpperCase();
        }
    }

    @Test
    void aReturnValueIsTheReplyOnTheResponseTopicWithTheCorrelationData() throws Exception {
        ListenerTestSupport.runner(broker.host(), broker.tcpPort(), "app-reply")
            .withBean(CommandListener.class)
            .run((context) -> {
                awaitSubscribed(context.getBean(Mqtt5ListenerEndpointRegistry.class));
                BlockingQueue<PublishPacket> replies = collect(this.peer, "peer/replies");
                byte[] correlation = { 9, 8, 7 };
                this.peer.publish(json("devices/d-1/commands", "{\"action\":\"reboot\"}").toBuilder()
                    .responseTopic("peer/replies").correlationData(correlation).build()).join();
                PublishPacket reply = poll(replies);
                assertThat(reply).isNotNull();
                assertThat(reply.correlationData()).containsExactly(correlation);
                assertThat(reply.contentType()).isEqualTo("application/json");
                assertThat(reply.payloadAsString()).contains("\"status\":\"done by d-1\"").contains("\"action\":\"reboot\"");

                CommandResult viaTemplate = context.getBean(Mqtt5Template.class)
                    .convertSendAndReceive("devices/d-2/commands", new Command("ping"), CommandResult.class,
                            Duration.ofSeconds(5));
                assertThat(viaTemplate).isEqualTo(new CommandResult("ping", "done by d-2"));
            });
    }

    @Test
    void sendToNamesTheReplyTopicWhenTheRequestHasNoResponseTopic() throws Exception {
        ListenerTestSupport.runner(broker.host(), broker.tcpPort(), "app-sendto")
            .withBean(CommandListener.class)
            .run((context) -> {
                awaitSubscribed(context.getBean(Mqtt5ListenerEndpointRegistry.class));
                BlockingQueue<PublishPacket> out = collect(this.peer, "audit/out");
                this.peer.publish(PublishPacket.builder().topic("audit/in").payload("login").qos(QoS.AT_LEAST_ONCE)
                    .build()).join();
                PublishPacket reply = poll(out);
                assertThat(reply).isNotNull();
                assertThat(reply.payloadAsString()).isEqualTo("LOGIN");
            });
    }

    static class FlakyListener {

        final AtomicInteger attempts = new AtomicInteger();

        final BlockingQueue<String> handled = new LinkedBlockingQueue<>();

        @Mqtt5Listener(topics = "flaky/+")
        void onFlaky(String text, @Header(Mqtt5Headers.RECEIVED_TOPIC) String topic) {
            if (topic.endsWith("multiline")) {
                throw new IllegalStateException("first line of " + text + "\n\tat a.Stack(Frame.java:1)\n"
                        + "x".repeat(5000));
            }
            if (topic.endsWith("always") || this.attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("boom " + text);
            }
            this.handled.add(text);
        }

        @Mqtt5Listener(topics = "strict/telemetry")
        void onStrict(@Valid Telemetry telemetry) {
            this.attempts.addAndGet(100);
        }
    }

    @Test
    void aDeadLetterForAMultiLineExceptionCarriesOneBoundedLineThatTheBrokerAccepts() throws Exception {
        // The client's own check of discouraged characters is off, as for a broker known to take them:
        // what reaches mosquitto is then exactly what the error handler wrote.
        ListenerTestSupport.runner(broker.host(), broker.tcpPort(), "app-dlt-multiline")
            .withPropertyValues("aws.iot.mqtt5.listener.error-handler.max-attempts=1",
                    "aws.iot.mqtt5.listener.error-handler.dead-letter-topic=dlt/{topic}",
                    "aws.iot.mqtt5.allow-discouraged-characters=true")
            .withBean(FlakyListener.class)
            .run((context) -> {
                awaitSubscribed(context.getBean(Mqtt5ListenerEndpointRegistry.class));
                BlockingQueue<PublishPacket> dead = collect(this.peer, "dlt/#");
                Mqtt5Client client = context.getBean(Mqtt5Client.class);
                long before = broker.log().lines().filter((line) -> line.contains("app-dlt-multiline")).count();

                for (int n = 0; n < 3; n++) {
                    String i = String.valueOf(n);
                    this.peer.publish(PublishPacket.builder().topic("flaky/multiline").payload("m" + i)
                        .qos(QoS.AT_LEAST_ONCE).build()).join();
                    PublishPacket deadLetter = poll(dead);
                    assertThat(deadLetter).isNotNull();
                    assertThat(deadLetter.payloadAsString()).isEqualTo("m" + i);
                    assertThat(deadLetter.userProperties()).anySatisfy((p) -> {
                        assertThat(p.name()).isEqualTo("mqtt5-dlt-exception");
                        assertThat(p.value()).isEqualTo("java.lang.IllegalStateException: first line of m" + i);
                    });
                }
                // Nothing made mosquitto drop the application's client: one connection throughout.
                assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
                assertThat(broker.log().lines().filter((line) -> line.contains("app-dlt-multiline")
                        && (line.contains("Malformed") || line.contains("disconnected"))).count()).isZero();
                assertThat(before).isPositive();
            });
    }

    @Test
    void aFailingListenerIsRetriedWithBackoffAndThenDeadLettered() throws Exception {
        ListenerTestSupport.runner(broker.host(), broker.tcpPort(), "app-retry")
            .withPropertyValues("aws.iot.mqtt5.listener.error-handler.max-attempts=3",
                    "aws.iot.mqtt5.listener.error-handler.initial-interval=20ms",
                    "aws.iot.mqtt5.listener.error-handler.dead-letter-topic=dlt/{topic}")
            .withBean(FlakyListener.class)
            .run((context) -> {
                FlakyListener listener = context.getBean(FlakyListener.class);
                awaitSubscribed(context.getBean(Mqtt5ListenerEndpointRegistry.class));
                BlockingQueue<PublishPacket> dead = collect(this.peer, "dlt/#");

                this.peer.publish(PublishPacket.builder().topic("flaky/once").payload("a").qos(QoS.AT_LEAST_ONCE).build())
                    .join();
                assertThat(take(listener.handled)).isEqualTo("a");
                assertThat(listener.attempts).hasValue(3);

                this.peer.publish(PublishPacket.builder().topic("flaky/always").payload("b").qos(QoS.AT_LEAST_ONCE)
                    .build()).join();
                PublishPacket deadLetter = poll(dead);
                assertThat(deadLetter).isNotNull();
                assertThat(deadLetter.topic()).isEqualTo("dlt/flaky/always");
                assertThat(deadLetter.payloadAsString()).isEqualTo("b");
                assertThat(deadLetter.userProperties()).anySatisfy((p) -> {
                    assertThat(p.name()).isEqualTo("mqtt5-dlt-exception");
                    assertThat(p.value()).contains("IllegalStateException: boom b");
                });

                listener.attempts.set(0);
                this.peer.publish(json("strict/telemetry", "{\"sensor\":\"\",\"value\":-1}")).join();
                PublishPacket invalid = poll(dead);
                assertThat(invalid).isNotNull();
                assertThat(invalid.topic()).isEqualTo("dlt/strict/telemetry");
                assertThat(listener.attempts).hasValue(0);
            });
    }

    static class ManualListener {

        final BlockingQueue<Acknowledgement> acks = new LinkedBlockingQueue<>();

        @Mqtt5Listener(topics = "manual/in", ackMode = AckMode.MANUAL)
        void onManual(String text, Acknowledgement ack) {
            this.acks.add(ack);
        }
    }

    @Test
    void aManualAckListenerReceivesTheAcknowledgementToCallLater() throws Exception {
        ListenerTestSupport.runner(broker.host(), broker.tcpPort(), "app-manual")
            .withBean(ManualListener.class)
            .run((context) -> {
                ManualListener listener = context.getBean(ManualListener.class);
                awaitSubscribed(context.getBean(Mqtt5ListenerEndpointRegistry.class));
                this.peer.publish(PublishPacket.builder().topic("manual/in").payload("x").qos(QoS.AT_LEAST_ONCE).build())
                    .join();
                Acknowledgement ack = take(listener.acks);
                assertThat(ack).isNotNull();
                ack.acknowledge();
            });
    }

    static class ThreadRecordingListener {

        final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

        @Mqtt5Listener(topics = "bursts/in")
        void on(String text) {
            this.threads.add(Thread.currentThread().getName());
        }
    }

    @Test
    void burstsOfDeliveriesReuseTheListenerThreadsInsteadOfStartingOneEach() throws Exception {
        ListenerTestSupport.runner(broker.host(), broker.tcpPort(), "app-bursts")
            .withBean(ThreadRecordingListener.class)
            .run((context) -> {
                ThreadRecordingListener listener = context.getBean(ThreadRecordingListener.class);
                awaitSubscribed(context.getBean(Mqtt5ListenerEndpointRegistry.class));
                java.util.Set<String> names = new java.util.TreeSet<>();
                // 20 bursts of 2, each over before the next: with a thread per burst, 20 threads.
                for (int burst = 0; burst < 20; burst++) {
                    publish("bursts/in", "a" + burst);
                    publish("bursts/in", "b" + burst);
                    names.add(take(listener.threads));
                    names.add(take(listener.threads));
                    Thread.sleep(30);
                }
                assertThat(names).allMatch((name) -> name.startsWith("mqtt5-listener-"));
                assertThat(names).as("listener threads used for 20 bursts").hasSizeLessThanOrEqualTo(2);
                assertThat(((ListenerThreads) context.getBean("mqtt5ListenerTaskExecutor")).threadCount())
                    .isLessThanOrEqualTo(2);
            });
    }

    static class StoppableListener {

        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Mqtt5Listener(id = "stoppable", topics = "stoppable/in", autoStartup = "${app.auto:false}")
        void on(String text) {
            this.received.add(text);
        }
    }

    @Test
    void aListenerStartsAndStopsAtRuntimeById() throws Exception {
        ListenerTestSupport.runner(broker.host(), broker.tcpPort(), "app-stop")
            .withBean(StoppableListener.class)
            .run((context) -> {
                StoppableListener listener = context.getBean(StoppableListener.class);
                Mqtt5ListenerEndpointRegistry registry = context.getBean(Mqtt5ListenerEndpointRegistry.class);
                assertThat(registry.getListenerContainer("stoppable").isRunning()).isFalse();
                publish("stoppable/in", "before");
                assertThat(listener.received.poll(300, TimeUnit.MILLISECONDS)).isNull();

                registry.start("stoppable");
                awaitSubscribed(registry);
                await().atMost(ListenerTestSupport.WAIT).until(() -> {
                    publish("stoppable/in", "started");
                    return listener.received.poll(200, TimeUnit.MILLISECONDS) != null;
                });

                registry.stop("stoppable");
                Thread.sleep(300);
                listener.received.clear();
                publish("stoppable/in", "after");
                assertThat(listener.received.poll(500, TimeUnit.MILLISECONDS)).isNull();
            });
    }

    static class WorkerListener {

        final CountDownLatch allRunning = new CountDownLatch(3);

        final CountDownLatch release = new CountDownLatch(1);

        @Mqtt5Listener(topics = "jobs/+", group = "workers", concurrency = "3")
        void onJob(String job) throws InterruptedException {
            this.allRunning.countDown();
            this.release.await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSharedGroupListenerWithConcurrencyHandlesSeveralPublishesAtOnce() throws Exception {
        ListenerTestSupport.runner(broker.host(), broker.tcpPort(), "app-workers")
            .withBean(WorkerListener.class)
            .run((context) -> {
                WorkerListener listener = context.getBean(WorkerListener.class);
                Mqtt5ListenerEndpointRegistry registry = context.getBean(Mqtt5ListenerEndpointRegistry.class);
                assertThat(registry.getListenerContainers()).singleElement()
                    .satisfies((c) -> assertThat(c.getEndpoint().filters()).containsExactly("$share/workers/jobs/+"));
                awaitSubscribed(registry);
                for (int i = 0; i < 3; i++) {
                    publish("jobs/" + i, "job " + i);
                }
                assertThat(listener.allRunning.await(10, TimeUnit.SECONDS)).isTrue();
                listener.release.countDown();
            });
    }

    private void publish(String topic, String text) {
        this.peer.publish(PublishPacket.builder().topic(topic).payload(text).qos(QoS.AT_LEAST_ONCE).build()).join();
    }

    /** Subscriptions are asynchronous: give the SUBSCRIBE time to reach the broker before publishing. */
    static void awaitSubscribed(Mqtt5ListenerEndpointRegistry registry) throws InterruptedException {
        await().atMost(ListenerTestSupport.WAIT)
            .until(() -> registry.getListenerContainers().stream().filter(Mqtt5ListenerContainer::isRunning)
                .allMatch(Mqtt5ListenerContainer::isSubscribed));
    }
}
