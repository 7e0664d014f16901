package dev.mqtt5.aws.iot.rr;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.lifecycle.LifecycleListenerRegistration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests to AWS IoT services over MQTT 5, and streams of their events, on an existing
 * {@link Mqtt5Client}; the Device Shadow, Jobs and Fleet Provisioning clients are built on it.
 *
 * <p>A request ({@link #submit}) is published at QoS 1 once its response topics are subscribed,
 * and completes with the first message on them that carries its {@code clientToken} (or, for an
 * uncorrelated request, the first message at all). Response subscriptions are shared by the
 * requests in progress that need them and unsubscribed when none does; how many may exist at once
 * is bounded, see {@link RequestResponseOptions}. Each request has one deadline, the operation
 * timeout, from submission to reply, after which it fails with {@link RequestTimeoutException}.
 *
 * <p>Connections: while the client reconnects with its session resumed nothing is lost (the
 * client resends the request, the server kept the subscriptions and queued the reply). When a
 * connection comes up without the session, requests that were waiting for a reply fail with
 * {@link RequestFailedException}, and streams report {@code SUBSCRIPTION_LOST}, subscribe again
 * and report {@code SUBSCRIPTION_ESTABLISHED}. Nothing here waits forever.
 *
 * <p>Service messages go to the request or stream they belong to and, unless
 * {@link RequestResponseOptions#deliverToClientListener()}, not to the client's publish-received
 * listener. Futures complete, and stream handlers run, on the callback executor of the options,
 * never on the MQTT client's threads, so callbacks may block and may make further requests.
 * Thread-safe. Close it to fail what is pending and release its subscriptions; the MQTT client is
 * not closed.
 */
public final class RequestResponseClient implements AutoCloseable {

    private final Mqtt5Client client;
    private final JsonMapper mapper;
    private final RequestResponseOptions options;
    private final Executor executor;
    private final RequestCoordinator coordinator;
    private final LifecycleListenerRegistration lifecycle;

    private RequestResponseClient(Mqtt5Client client, JsonMapper mapper, RequestResponseOptions options) {
        this.client = client;
        this.mapper = mapper;
        this.options = options;
        this.executor = options.callbackExecutor() != null ? options.callbackExecutor() : SharedThreads.CALLBACKS;
        ServiceReplies replies = new ServiceReplies(mapper, client.options(), options.deliverToClientListener());
        this.coordinator = new RequestCoordinator(client, options, executor, replies);
        replies.coordinator(coordinator);
        this.lifecycle = client.addLifecycleListener(coordinator);
    }

    /**
     * Creates a request-response client on an MQTT client, started or not.
     *
     * @param client the MQTT client; it stays the caller's to start, stop and close
     * @param mapper reads and writes the JSON documents, or null for a default {@link JsonMapper}
     * @param options the budget, deadline and callback settings, or null for the defaults
     * @return the request-response client
     */
    public static RequestResponseClient create(Mqtt5Client client, JsonMapper mapper, RequestResponseOptions options) {
        Objects.requireNonNull(client, "client must not be null");
        return new RequestResponseClient(client, mapper != null ? mapper : JsonMapper.builder().build(),
                options != null ? options : RequestResponseOptions.defaults());
    }

    /**
     * Sends a request and completes with its reply, whether the service accepted or rejected it
     * ({@link ServiceMessage#rejected()}); the service clients turn rejections into their own
     * exceptions. A correlated request's payload without a {@code clientToken} gets a new one
     * (a UUID); one the caller set is kept.
     *
     * @param request the request
     * @return the reply, completed on the callback executor; exceptionally with
     *     {@link RequestTimeoutException} or {@link RequestFailedException}. Cancelling it abandons
     *     the request (a published one is not recalled).
     */
    public CompletableFuture<ServiceMessage> submit(ServiceRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        ObjectNode payload = request.payload().deepCopy();
        String token = null;
        if (request.correlated()) {
            JsonNode given = payload.get("clientToken");
            if (given != null && given.isString()) {
                token = given.stringValue();
            } else {
                token = UUID.randomUUID().toString();
                payload.put("clientToken", token);
            }
        }
        PendingRequest pending = new PendingRequest(request, token, mapper.writeValueAsBytes(payload));
        RequestObserver observer = options.requestObserver();
        if (observer != null) {
            long started = System.nanoTime();
            pending.future.whenComplete((reply, failure) -> RequestOutcome.report(observer, request.requestTopic(),
                    reply, failure, System.nanoTime() - started));
        }
        coordinator.submit(pending);
        return pending.future;
    }

    /**
     * Opens a stream of the messages published to a topic filter. See {@link StreamingOperation}
     * for the subscription-status events; when the streaming budget is full the stream is halted
     * at once, its status handler told why.
     *
     * @param topicFilter the topic or filter to subscribe to
     * @param eventHandler receives each message, on the callback executor, in order
     * @param statusHandler receives subscription-status events, or null
     * @return the open stream; close it to unsubscribe
     */
    public StreamingOperation openStream(String topicFilter, Consumer<ServiceMessage> eventHandler,
            Consumer<SubscriptionStatusEvent> statusHandler) {
        StreamingOperation stream = new StreamingOperation(coordinator, topicFilter, eventHandler, statusHandler,
                executor);
        coordinator.open(stream);
        return stream;
    }

    /**
     * The MQTT client the requests go through.
     *
     * @return the client
     */
    public Mqtt5Client mqttClient() {
        return client;
    }

    /**
     * The JSON mapper of the documents.
     *
     * @return the mapper
     */
    public JsonMapper mapper() {
        return mapper;
    }

    /**
     * The options.
     *
     * @return the options
     */
    public RequestResponseOptions options() {
        return options;
    }

    /**
     * Where futures complete and stream handlers run.
     *
     * @return the callback executor
     */
    public Executor callbackExecutor() {
        return executor;
    }

    /** The filters the client holds (subscribed, or being subscribed or unsubscribed); for tests. */
    java.util.List<String> subscriptionFilters() {
        return coordinator.subscriptionFilters();
    }

    /**
     * Fails every pending request with {@link RequestFailedException}, closes every stream,
     * unsubscribes and stops listening to the MQTT client, which stays open. Idempotent.
     */
    @Override
    public void close() {
        lifecycle.close();
        coordinator.shutdown();
    }
}
