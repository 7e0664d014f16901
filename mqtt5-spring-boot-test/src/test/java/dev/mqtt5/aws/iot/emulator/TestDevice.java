package dev.mqtt5.aws.iot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A device on the broker, with our client and raw JSON strings: publishes requests, collects what arrives per topic. */
final class TestDevice implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Mqtt5Client client;

    private final Map<String, BlockingQueue<PublishPacket>> received = new ConcurrentHashMap<>();

    private TestDevice(String host, int port) throws InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        this.client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(host).port(port)
                .connectOptions(ConnectPacket.builder().clientId("device-" + UUID.randomUUID()).build())
                .lifecycleListener(new LifecycleListener() {
                    @Override
                    public void onConnectionSuccess(ConnectionSuccessEvent event) {
                        connected.countDown();
                    }
                })
                .publishReceivedListener((publish) -> queue(publish.topic()).add(publish)).build());
        this.client.start();
        assertThat(connected.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("device connected").isTrue();
    }

    static TestDevice connect(String host, int port) {
        try {
            return new TestDevice(host, port);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    TestDevice subscribe(String... filters) {
        SubscribePacket.Builder subscribe = SubscribePacket.builder();
        for (String filter : filters) {
            subscribe.subscription(filter, QoS.AT_LEAST_ONCE);
        }
        this.client.subscribe(subscribe.build()).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return this;
    }

    void publish(String topic, String payload) {
        this.client.publish(PublishPacket.builder().topic(topic).payload(payload).qos(QoS.AT_LEAST_ONCE).build())
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Publishes a request and returns the next message on {@code responseTopic}. */
    JsonNode request(String topic, String payload, String responseTopic) {
        publish(topic, payload);
        return await(responseTopic);
    }

    /** The next message on exactly {@code topic}, parsed; fails after 10 s. */
    JsonNode await(String topic) {
        try {
            PublishPacket publish = queue(topic).poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(publish).as("a message on " + topic).isNotNull();
            return JSON.readTree(publish.payload());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The next message on {@code topic} with its QoS. */
    PublishPacket awaitPacket(String topic) throws InterruptedException {
        PublishPacket publish = queue(topic).poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(publish).as("a message on " + topic).isNotNull();
        return publish;
    }

    /** The next message on {@code topic} within 300 ms, or null. */
    PublishPacket poll(String topic) throws InterruptedException {
        return queue(topic).poll(300, TimeUnit.MILLISECONDS);
    }

    /** Asserts that nothing arrives on {@code topic} within {@code quiet}. */
    void assertNothingOn(String topic, Duration quiet) throws InterruptedException {
        assertThat(queue(topic).poll(quiet.toMillis(), TimeUnit.MILLISECONDS)).as("nothing on " + topic).isNull();
    }

    private BlockingQueue<PublishPacket> queue(String topic) {
        return this.received.computeIfAbsent(topic, (t) -> new LinkedBlockingQueue<>());
    }

    @Override
    public void close() {
        this.client.close();
    }
}
