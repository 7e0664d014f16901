package dev.mqtt5.spring.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.spring.observation.Mqtt5Observations;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;

/**
 * Publishes with an {@link Mqtt5Client}: raw payloads or objects converted by a
 * {@link MessageConverter} (JSON with Jackson), asynchronously ({@link #publish}, completed with
 * the broker's acknowledgement) or synchronously ({@link #publishSync}, {@link #convertAndSend}),
 * with the default QoS and retain flag of {@code aws.iot.mqtt5.template.*}; and MQTT 5
 * request/response ({@link #sendAndReceive}). Thread-safe; the futures complete on the client's
 * callback thread, where blocking delays other callbacks of the client.
 *
 * <pre>{@code
 * template.convertAndSend("devices/d-1/commands", new Command("reboot"));
 * Status status = template.convertSendAndReceive("devices/d-1/commands", command, Status.class, Duration.ofSeconds(5));
 * }</pre>
 */
public final class Mqtt5Template {

    private final Mqtt5Client client;

    private final MessageConverter converter;

    private final ReplyCorrelator replies;

    private QoS defaultQos = QoS.AT_LEAST_ONCE;

    private boolean defaultRetain;

    private Duration sendTimeout = Duration.ofSeconds(30);

    private List<String> userPropertyHeaders = List.of();

    private ObservationRegistry observationRegistry;

    /**
     * Creates a template.
     *
     * @param client the client to publish with
     * @param converter converts payload objects to bytes
     * @param replyTopicPrefix the prefix of this client's reply topic ({@code <prefix>/<client id>})
     */
    public Mqtt5Template(Mqtt5Client client, MessageConverter converter, String replyTopicPrefix) {
        this.client = client;
        this.converter = converter;
        this.replies = new ReplyCorrelator(client, replyTopicPrefix);
    }

    /** Sets the QoS of publishes that do not name one (default: AT_LEAST_ONCE). */
    public void setDefaultQos(QoS defaultQos) {
        this.defaultQos = defaultQos;
    }

    /** Sets the retain flag of publishes that do not name one (default: false). */
    public void setDefaultRetain(boolean defaultRetain) {
        this.defaultRetain = defaultRetain;
    }

    /** Sets how long the synchronous methods wait for the broker's acknowledgement (default: 30 s). */
    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    /** Sets the names of String headers that {@link #convertAndSend} sends as user properties. */
    public void setUserPropertyHeaders(List<String> userPropertyHeaders) {
        this.userPropertyHeaders = List.copyOf(userPropertyHeaders);
    }

    /** Sets the registry for publish observations; null (the default) observes nothing. */
    public void setObservationRegistry(ObservationRegistry observationRegistry) {
        this.observationRegistry = observationRegistry;
    }

    /**
     * The lifecycle listener that renews the reply subscription when a connection comes up
     * without a session (installed on the auto-configured client by the auto-configuration).
     */
    public LifecycleListener connectionListener() {
        return new LifecycleListener() {
            @Override
            public void onConnectionSuccess(ConnectionSuccessEvent event) {
                Mqtt5Template.this.replies.connectionUp(event.settings().rejoinedSession());
            }
        };
    }

    /** The client this template publishes with. */
    public Mqtt5Client getClient() {
        return this.client;
    }

    /** The response topic of this template's requests, or null before the first request. */
    public String getReplyTopic() {
        return this.replies.getReplyTopic();
    }

    /** Publishes bytes with the default QoS and retain flag; completes with the broker's acknowledgement. */
    public CompletableFuture<PublishResult> publish(String topic, byte[] payload) {
        return publish(defaults(topic).payload(payload));
    }

    /** Publishes UTF-8 text with the default QoS and retain flag; completes with the broker's acknowledgement. */
    public CompletableFuture<PublishResult> publish(String topic, String payload) {
        return publish(defaults(topic).payload(payload));
    }

    /** Publishes a packet as it is; completes with the broker's acknowledgement. */
    public CompletableFuture<PublishResult> publish(PublishPacket publish) {
        return publish(publish.toBuilder());
    }

    /** Publishes bytes and waits for the broker's acknowledgement (up to the send timeout). */
    public PublishResult publishSync(String topic, byte[] payload) {
        return await(publish(topic, payload), topic);
    }

    /** Publishes a packet and waits for the broker's acknowledgement (up to the send timeout). */
    public PublishResult publishSync(PublishPacket publish) {
        return await(publish(publish), publish.topic());
    }

    /**
     * Converts an object (JSON for a POJO, UTF-8 for a String, as-is for bytes) and publishes it
     * asynchronously; MQTT 5 properties come from {@link Mqtt5Headers} entries of {@code headers}.
     *
     * @param topic the topic
     * @param payload the object to convert
     * @param headers MQTT 5 properties by {@link Mqtt5Headers} name, and user-property headers; may be empty
     * @return completed with the broker's acknowledgement
     */
    public CompletableFuture<PublishResult> convertAndSendAsync(String topic, Object payload, Map<String, Object> headers) {
        return publish(convert(topic, payload, headers));
    }

    /** Converts and publishes, waiting for the broker's acknowledgement; see {@link #convertAndSendAsync}. */
    public PublishResult convertAndSend(String topic, Object payload, Map<String, Object> headers) {
        return await(convertAndSendAsync(topic, payload, headers), topic);
    }

    /** Converts and publishes with no extra headers, waiting for the broker's acknowledgement. */
    public PublishResult convertAndSend(String topic, Object payload) {
        return convertAndSend(topic, payload, Map.of());
    }

    /**
     * Publishes a request with this client's reply topic as Response Topic and fresh Correlation
     * Data, and completes with the reply (a publish to the response topic with the same correlation data).
     *
     * @param topic the request topic
     * @param request the request object, converted like {@link #convertAndSend}
     * @param timeout the deadline of the whole request: the reply topic's subscription (first
     *     request only), the broker's acknowledgement of the request, and the reply
     * @return completed with the reply as a message (payload bytes, {@link Mqtt5Headers} headers), or
     *     exceptionally with {@link Mqtt5ReplyTimeoutException} at the deadline (its message says how
     *     far the request got), or with the failure of the publish
     */
    public CompletableFuture<Message<byte[]>> sendAndReceive(String topic, Object request, Duration timeout) {
        return this.replies.request(convert(topic, request, Map.of()), this::publish, topic, timeout)
            .thenApply((reply) -> Mqtt5HeaderMapper.toMessage(reply, null, null));
    }

    /**
     * Sends a request and waits for the reply converted to {@code replyType} (JSON, String or bytes).
     *
     * @param timeout the deadline of the whole call, as for {@link #sendAndReceive}
     * @throws Mqtt5ReplyTimeoutException when no reply arrives by the deadline
     */
    @SuppressWarnings("unchecked")
    public <T> T convertSendAndReceive(String topic, Object request, Class<T> replyType, Duration timeout) {
        Message<byte[]> reply = awaitReply(sendAndReceive(topic, request, timeout), topic, timeout);
        Object converted = this.converter.fromMessage(reply, replyType);
        if (converted == null) {
            throw new MessageConversionException(reply, "cannot convert the reply on '" + reply.getHeaders()
                .get(Mqtt5Headers.RECEIVED_TOPIC) + "' to " + replyType.getName());
        }
        return (T) converted;
    }

    private PublishPacket.Builder defaults(String topic) {
        return PublishPacket.builder().topic(topic).qos(this.defaultQos).retain(this.defaultRetain);
    }

    private PublishPacket.Builder convert(String topic, Object payload, Map<String, Object> headers) {
        Message<?> message = this.converter.toMessage(payload, new MessageHeaders(headers));
        if (message == null || !(message.getPayload() instanceof byte[] bytes)) {
            throw new MessageConversionException("cannot convert " + payload.getClass().getName()
                    + " to an MQTT payload; publish byte[] or String, or add Jackson for JSON");
        }
        PublishPacket.Builder builder = defaults(topic).payload(bytes);
        Mqtt5HeaderMapper.applyHeaders(message.getHeaders(), builder, this.userPropertyHeaders);
        return builder.topic(topic);
    }

    private CompletableFuture<PublishResult> publish(PublishPacket.Builder builder) {
        if (this.observationRegistry == null) {
            return this.client.publish(builder.build());
        }
        // Built twice: the started observation may add trace user properties to the builder.
        PublishPacket preview = builder.build();
        Observation observation = Mqtt5Observations.publish(this.observationRegistry, builder, preview.topic(),
                preview.qos()).start();
        CompletableFuture<PublishResult> result;
        try (Observation.Scope scope = observation.openScope()) {
            result = this.client.publish(builder.build());
        } catch (RuntimeException ex) {
            observation.error(ex);
            observation.stop();
            throw ex;
        }
        return result.whenComplete((ack, ex) -> {
            if (ex != null) {
                observation.error(ex);
            }
            observation.stop();
        });
    }

    private <T> T await(CompletableFuture<T> future, String topic) {
        return await(future, topic, this.sendTimeout);
    }

    /** The request's future ends by its deadline on its own; the grace only guards against a lost timer. */
    private Message<byte[]> awaitReply(CompletableFuture<Message<byte[]>> future, String topic, Duration timeout) {
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException ex) {
            throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new CompletionException(ex.getCause());
        } catch (TimeoutException ex) {
            throw new Mqtt5ReplyTimeoutException("no reply within " + timeout + " to the request published to '"
                    + topic + "'");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the reply to '" + topic + "'", ex);
        }
    }

    private <T> T await(CompletableFuture<T> future, String topic, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException ex) {
            throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new CompletionException(ex.getCause());
        } catch (TimeoutException ex) {
            throw new IllegalStateException("no acknowledgement for the publish to '" + topic + "' within "
                    + timeout + " (aws.iot.mqtt5.template.send-timeout)", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to '" + topic + "'", ex);
        }
    }
}
