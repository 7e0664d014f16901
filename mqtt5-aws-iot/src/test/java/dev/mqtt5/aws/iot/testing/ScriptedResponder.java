package dev.mqtt5.aws.iot.testing;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.testing.MosquittoBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays an AWS IoT service on mosquitto: subscribes to request topics and answers each request
 * with whatever the test scripts (the documented AWS payloads, a delay, or silence). Records every
 * request it receives, in order.
 */
public final class ScriptedResponder implements AutoCloseable {

    /** A request as the service received it. */
    public record Request(String topic, JsonNode body) {
        /** The request's {@code clientToken}, or null. */
        public String clientToken() {
            JsonNode token = body.get("clientToken");
            return token == null ? null : token.asString();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Mqtt5Client client;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Consumer<Request>> scripts = new ConcurrentHashMap<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();

    private ScriptedResponder(Mqtt5Client client) {
        this.client = client;
    }

    /** Connects a responder to the broker. */
    public static ScriptedResponder start(MosquittoBroker broker) {
        Mqtt5Client client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(broker.host()).port(broker.tcpPort())
                .connectOptions(ConnectPacket.builder().clientId("aws-service-" + UUID.randomUUID()).build()).build());
        client.start();
        return new ScriptedResponder(client);
    }

    /**
     * Answers requests on a topic filter with a script; the script calls {@link #reply} (now or
     * later through {@link #later}), or nothing for silence. Waits for the SUBACK.
     */
    public ScriptedResponder on(String requestTopicFilter, Consumer<Request> script) {
        scripts.put(requestTopicFilter, script);
        client.subscribe(SubscribePacket.of(requestTopicFilter, QoS.AT_LEAST_ONCE), publish -> {
            Request request = new Request(publish.topic(), JSON.readTree(publish.payload()));
            received.add(request);
            arrivals.add(request);
            script.accept(request);
        }).join();
        return this;
    }

    /** Publishes a JSON document (QoS 1) to a topic, as the service does. */
    public void reply(String topic, JsonNode body) {
        client.publish(PublishPacket.builder().topic(topic).payload(JSON.writeValueAsBytes(body))
                .qos(QoS.AT_LEAST_ONCE).build()).join();
    }

    /** Publishes a JSON text (QoS 1) to a topic. */
    public void reply(String topic, String json) {
        reply(topic, JSON.readTree(json));
    }

    /** Runs an action after a delay, off the MQTT threads. */
    public void later(Duration delay, Runnable action) {
        timer.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An object node to build a payload with. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Parses JSON text. */
    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** Every request received so far, in order. */
    public List<Request> received() {
        return List.copyOf(received);
    }

    /** Waits for the next request to arrive. */
    public Request awaitRequest(Duration timeout) throws InterruptedException {
        Request request = arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (request == null) {
            throw new AssertionError("no request within " + timeout + "; received so far: " + received);
        }
        return request;
    }

    /** Asserts that no further request arrives for a while. */
    public void assertNoRequest(Duration within) throws InterruptedException {
        Request request = arrivals.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (request != null) {
            throw new AssertionError("unexpected request " + request);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.close();
    }
}
