package dev.mqtt5.aws.iot.rr;

import dev.mqtt5.aws.iot.rr.PendingRequest.Stage;
import dev.mqtt5.aws.iot.rr.SubscriptionEntry.Kind;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The request-response machinery behind {@link RequestResponseClient}: the queue of requests
 * waiting for budget, the requests awaiting replies (by response topic), the open streams, and
 * what a lost session does to them. One lock (this object) guards it all; futures complete and
 * stream handlers run on the callback executor, never under the lock.
 */
final class RequestCoordinator implements LifecycleListener, SubscriptionTable.Acks {

    private final Mqtt5Client client;
    private final RequestResponseOptions options;
    private final Executor executor;
    final SubscriptionTable table;
    private final ArrayDeque<PendingRequest> queued = new ArrayDeque<>();
    private final Map<String, List<PendingRequest>> awaiting = new HashMap<>();
    /** Response topics of uncorrelated requests in progress: one at a time per topic. */
    private final Set<String> uncorrelatedBusy = new HashSet<>();
    private final List<StreamingOperation> streams = new ArrayList<>();
    private boolean closed;
    private boolean driving;
    private boolean driveAgain;

    RequestCoordinator(Mqtt5Client client, RequestResponseOptions options, Executor executor, ServiceReplies replies) {
        this.client = client;
        this.options = options;
        this.executor = executor;
        this.table = new SubscriptionTable(client, replies, executor, this);
    }

    // ---- requests ---------------------------------------------------------------------------

    synchronized void submit(PendingRequest request) {
        request.future.whenComplete((value, failure) -> {
            if (failure instanceof CancellationException) {
                finish(request, null, null);
            }
        });
        if (closed) {
            fail(request, new RequestFailedException("the request-response client is closed"));
            return;
        }
        int topics = request.request.responseTopics().size();
        if (topics > options.maxRequestResponseSubscriptions()) {
            fail(request, new RequestFailedException("a request to " + request.request.requestTopic() + " needs "
                    + topics + " response subscriptions, more than maxRequestResponseSubscriptions ("
                    + options.maxRequestResponseSubscriptions() + "); raise it in RequestResponseOptions"));
            return;
        }
        request.deadline = SharedThreads.TIMER.schedule(() -> timeout(request),
                options.operationTimeout().toNanos(), TimeUnit.NANOSECONDS);
        queued.add(request);
        drive();
    }

    /**
     * Starts queued requests, in order, while the budget allows; uncorrelated ones wait for their
     * topics. Not reentrant: starting a request can end another (a PUBLISH refused at once), whose
     * own call lands here; it is then done by this pass, which starts over.
     */
    private void drive() {
        if (closed) {
            return;
        }
        if (driving) {
            driveAgain = true;
            return;
        }
        driving = true;
        try {
            do {
                driveAgain = false;
                PendingRequest next;
                while ((next = nextToStart()) != null) {
                    queued.remove(next);
                    start(next);
                }
            } while (driveAgain);
        } finally {
            driving = false;
        }
    }

    private PendingRequest nextToStart() {
        for (PendingRequest request : queued) {
            List<String> topics = request.request.responseTopics();
            if (!request.request.correlated() && topics.stream().anyMatch(uncorrelatedBusy::contains)) {
                continue;
            }
            int needed = table.missing(topics);
            if (table.count(Kind.REQUEST_RESPONSE) + needed > options.maxRequestResponseSubscriptions()) {
                return null; // later requests wait behind this one: requests start in submission order
            }
            return request;
        }
        return null;
    }

    private void start(PendingRequest request) {
        request.stage = Stage.SUBSCRIBING;
        if (!request.request.correlated()) {
            uncorrelatedBusy.addAll(request.request.responseTopics());
        }
        for (String topic : request.request.responseTopics()) {
            awaiting.computeIfAbsent(topic, t -> new ArrayList<>()).add(request);
            request.entries.add(table.acquire(topic, Kind.REQUEST_RESPONSE));
        }
        publishIfSubscribed(request);
    }

    private void publishIfSubscribed(PendingRequest request) {
        if (request.done || request.stage != Stage.SUBSCRIBING || !request.allSubscribed()) {
            return;
        }
        request.stage = Stage.AWAITING_REPLY;
        PublishPacket publish = PublishPacket.builder().topic(request.request.requestTopic()).payload(request.payload)
                .qos(QoS.AT_LEAST_ONCE).build();
        try {
            client.publish(publish).whenCompleteAsync((result, failure) -> {
                if (failure != null) {
                    finish(request, null, new RequestFailedException("publishing the request to "
                            + request.request.requestTopic() + " failed: " + failure.getMessage(), failure));
                }
            }, executor);
        } catch (RuntimeException e) {
            finish(request, null, new RequestFailedException("publishing the request to "
                    + request.request.requestTopic() + " failed: " + e.getMessage(), e));
        }
    }

    private void timeout(PendingRequest request) {
        String waitingFor;
        synchronized (this) {
            waitingFor = switch (request.stage) {
                case QUEUED -> request.request.correlated()
                        ? "waiting for a free request-response subscription (maxRequestResponseSubscriptions "
                            + options.maxRequestResponseSubscriptions() + ")"
                        : "waiting for a free subscription or for the previous request on the same response topics";
                case SUBSCRIBING -> "waiting for the SUBACK of its response topics " + request.request.responseTopics();
                case AWAITING_REPLY -> "published, waiting for the service's reply on "
                        + request.request.responseTopics();
            };
        }
        finish(request, null, new RequestTimeoutException("no reply to the request on "
                + request.request.requestTopic() + " within the operation timeout " + options.operationTimeout()
                + " (RequestResponseOptions.operationTimeout); it was " + waitingFor, options.operationTimeout()));
    }

    /** Ends a request once: releases its subscriptions and topics, then completes it off the lock. */
    synchronized void finish(PendingRequest request, ServiceMessage reply, Throwable failure) {
        if (request.done) {
            return;
        }
        request.done = true;
        if (request.deadline != null) {
            request.deadline.cancel(false);
        }
        if (request.stage == Stage.QUEUED) {
            queued.remove(request);
        } else {
            for (String topic : request.request.responseTopics()) {
                List<PendingRequest> list = awaiting.get(topic);
                if (list != null && list.remove(request) && list.isEmpty()) {
                    awaiting.remove(topic);
                }
            }
            if (!request.request.correlated()) {
                request.request.responseTopics().forEach(uncorrelatedBusy::remove);
            }
            request.entries.forEach(table::release);
            request.entries.clear();
        }
        if (failure != null) {
            fail(request, failure);
        } else if (reply != null) {
            executor.execute(() -> request.future.complete(reply));
        }
        drive();
    }

    private void fail(PendingRequest request, Throwable failure) {
        request.done = true;
        executor.execute(() -> request.future.completeExceptionally(failure));
    }

    // ---- replies and events -----------------------------------------------------------------

    /** Takes a message on a service topic: the reply of a request, and events for the streams it matches. */
    synchronized void received(String topic, JsonNode body) {
        ServiceMessage message = new ServiceMessage(topic, body);
        List<PendingRequest> candidates = awaiting.get(topic);
        if (candidates != null) {
            JsonNode token = body.get("clientToken");
            String clientToken = token != null && token.isString() ? token.stringValue() : null;
            for (PendingRequest request : new ArrayList<>(candidates)) {
                boolean ours = request.request.correlated() ? request.clientToken.equals(clientToken) : true;
                if (ours) {
                    finish(request, message, null);
                    break;
                }
            }
        }
        for (StreamingOperation stream : streams) {
            if (TopicFilters.matches(stream.topicFilter(), topic)) {
                stream.deliver(message);
            }
        }
    }

    // ---- streams ----------------------------------------------------------------------------

    synchronized void open(StreamingOperation stream) {
        if (closed) {
            halt(stream, new RequestFailedException("the request-response client is closed"));
            return;
        }
        if (!table.contains(stream.topicFilter())
                && table.count(Kind.STREAMING) >= options.maxStreamingSubscriptions()) {
            halt(stream, new RequestFailedException("cannot subscribe to " + stream.topicFilter() + ": all "
                    + options.maxStreamingSubscriptions() + " streaming subscriptions "
                    + "(RequestResponseOptions.maxStreamingSubscriptions) are in use by open streams; "
                    + "close a stream or raise maxStreamingSubscriptions"));
            return;
        }
        stream.entry = table.acquire(stream.topicFilter(), Kind.STREAMING);
        streams.add(stream);
        if (stream.entry.subscribed()) {
            stream.established = true;
            stream.status(SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED, null);
        }
    }

    synchronized void close(StreamingOperation stream) {
        if (stream.closed) {
            return;
        }
        stream.closed = true;
        if (streams.remove(stream)) {
            table.release(stream.entry);
        }
    }

    synchronized boolean isOpen(StreamingOperation stream) {
        return !stream.closed;
    }

    private void halt(StreamingOperation stream, Throwable error) {
        stream.closed = true;
        stream.status(SubscriptionStatusEventType.SUBSCRIPTION_HALTED, error);
    }

    // ---- acknowledgements and lifecycle ---------------------------------------------------

    @Override
    public synchronized void subscribed(SubscriptionEntry entry, int attempt, Throwable failure) {
        boolean ok = table.subscribed(entry, attempt, failure);
        if (failure != null && (entry.removed)) {
            for (PendingRequest request : activeRequests()) {
                if (request.entries.contains(entry)) {
                    request.entries.remove(entry);
                    finish(request, null, new RequestFailedException("subscribing to the response topic "
                            + entry.filter + " failed: " + failure.getMessage(), failure));
                }
            }
            for (StreamingOperation stream : new ArrayList<>(streams)) {
                if (stream.entry == entry) {
                    streams.remove(stream);
                    halt(stream, new RequestFailedException("subscribing to " + entry.filter + " failed: "
                            + failure.getMessage(), failure));
                }
            }
        } else if (ok) {
            activeRequests().forEach(this::publishIfSubscribed);
            for (StreamingOperation stream : streams) {
                if (stream.entry == entry && !stream.established) {
                    stream.established = true;
                    stream.status(SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED, null);
                }
            }
        }
        drive();
    }

    @Override
    public synchronized void released(SubscriptionEntry entry) {
        table.unsubscribed(entry);
        drive();
    }

    @Override
    public synchronized void onDisconnection(DisconnectionEvent event) {
        for (SubscriptionEntry entry : table.entries()) {
            entry.atRisk = entry.subscribed();
        }
        for (PendingRequest request : activeRequests()) {
            request.awaitingAtDisconnection = request.stage == Stage.AWAITING_REPLY;
        }
    }

    @Override
    public synchronized void onConnectionSuccess(ConnectionSuccessEvent event) {
        boolean resumed = event.connAck().sessionPresent();
        if (!resumed) {
            for (PendingRequest request : activeRequests()) {
                if (request.atRisk()) {
                    finish(request, null, new RequestFailedException("the MQTT session was lost (the server "
                            + "resumed no session on reconnection) while the request to "
                            + request.request.requestTopic() + " awaited its reply; the service may or may not have "
                            + "acted on it: read the current state and retry"));
                }
            }
        }
        for (SubscriptionEntry entry : table.entries()) {
            if (!entry.atRisk) {
                continue;
            }
            if (resumed || entry.users == 0 || !entry.subscribed()) {
                entry.atRisk = false;
                continue;
            }
            table.resubscribe(entry);
            for (StreamingOperation stream : streams) {
                if (stream.entry == entry) {
                    stream.established = false;
                    stream.status(SubscriptionStatusEventType.SUBSCRIPTION_LOST, null);
                }
            }
        }
        for (PendingRequest request : activeRequests()) {
            request.awaitingAtDisconnection = false;
        }
        drive();
    }

    private Set<PendingRequest> activeRequests() {
        Set<PendingRequest> active = new LinkedHashSet<>();
        awaiting.values().forEach(active::addAll);
        return active;
    }

    /** The filters subscribed or being subscribed or unsubscribed, for tests and diagnostics. */
    synchronized List<String> subscriptionFilters() {
        return table.entries().stream().map(entry -> entry.filter).toList();
    }

    /** Fails every request, closes every stream and unsubscribes; further requests fail at once. */
    synchronized void shutdown() {
        closed = true;
        RequestFailedException closedFailure = new RequestFailedException("the request-response client is closed");
        new ArrayList<>(queued).forEach(request -> finish(request, null, closedFailure));
        activeRequests().forEach(request -> finish(request, null, closedFailure));
        for (StreamingOperation stream : streams) {
            stream.closed = true;
        }
        streams.clear();
        table.clear();
    }
}
