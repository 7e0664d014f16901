package dev.mqtt5.aws.iot.shadow;

import dev.mqtt5.aws.iot.rr.RequestResponseClient;
import dev.mqtt5.aws.iot.rr.ServiceMessage;
import dev.mqtt5.aws.iot.rr.ServiceRequest;
import dev.mqtt5.aws.iot.rr.StreamingOperation;
import dev.mqtt5.aws.iot.rr.SubscriptionStatusEvent;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The Device Shadow of one thing, classic (unnamed) or named, over MQTT: get, update and delete,
 * and streams of deltas and of whole documents. State parts are decoded as the caller's type: a
 * record, a map, or {@code JsonNode}.
 *
 * <p>Every request completes its future on the request-response client's callback executor:
 * normally with the service's accepted document, exceptionally with {@link ShadowException} (a
 * {@link ShadowVersionConflictException} for 409) when the service rejects it, or with the
 * request-response core's {@code RequestTimeoutException} / {@code RequestFailedException}.
 * Thread-safe; create as many as needed on one {@link RequestResponseClient}.
 */
public final class ShadowClient {

    private final RequestResponseClient rr;
    private final String thingName;
    private final String shadowName;
    private final String prefix;
    private final ShadowCodec codec;

    private ShadowClient(RequestResponseClient rr, String thingName, String shadowName) {
        this.rr = Objects.requireNonNull(rr, "rr must not be null");
        this.thingName = requireName("thingName", thingName);
        this.shadowName = shadowName == null ? null : requireName("shadowName", shadowName);
        this.prefix = "$aws/things/" + thingName + "/shadow" + (shadowName == null ? "" : "/name/" + shadowName);
        this.codec = new ShadowCodec(rr.mapper());
    }

    private static String requireName(String field, String name) {
        Objects.requireNonNull(name, field + " must not be null");
        if (name.isEmpty() || name.contains("/") || name.contains("+") || name.contains("#")) {
            throw new IllegalArgumentException(field + " must be a non-empty name without '/', '+' or '#', was '"
                    + name + "'");
        }
        return name;
    }

    /**
     * The classic (unnamed) shadow of a thing.
     *
     * @param rr the request-response client to send through
     * @param thingName the thing's name
     * @return its shadow client
     */
    public static ShadowClient classic(RequestResponseClient rr, String thingName) {
        return new ShadowClient(rr, thingName, null);
    }

    /**
     * A named shadow of a thing.
     *
     * @param rr the request-response client to send through
     * @param thingName the thing's name
     * @param shadowName the shadow's name
     * @return its shadow client
     */
    public static ShadowClient named(RequestResponseClient rr, String thingName, String shadowName) {
        return new ShadowClient(rr, thingName, Objects.requireNonNull(shadowName, "shadowName must not be null"));
    }

    /**
     * The thing's name.
     *
     * @return the name
     */
    public String thingName() {
        return thingName;
    }

    /**
     * The shadow's name.
     *
     * @return the name, or empty for the classic shadow
     */
    public Optional<String> shadowName() {
        return Optional.ofNullable(shadowName);
    }

    /**
     * The topic every request and event topic of this shadow starts with, such as
     * {@code $aws/things/t/shadow/name/s}.
     *
     * @return the topic prefix
     */
    public String topicPrefix() {
        return prefix;
    }

    /**
     * Reads the shadow.
     *
     * @param stateType what to decode {@code desired}, {@code reported} and {@code delta} as
     * @param <S> the state type
     * @return the document; exceptionally {@link ShadowException} with {@link ShadowErrorCode#NOT_FOUND} when there is none
     */
    public <S> CompletableFuture<ShadowDocument<S>> get(Class<S> stateType) {
        Objects.requireNonNull(stateType, "stateType must not be null");
        return request("get", rr.mapper().createObjectNode(), reply -> codec.document(reply.body(), stateType));
    }

    /**
     * Reads the shadow as JSON trees.
     *
     * @return the document
     */
    public CompletableFuture<ShadowDocument<JsonNode>> get() {
        return get(JsonNode.class);
    }

    /**
     * Updates the shadow.
     *
     * @param update the state to merge, and optionally the version it applies to
     * @param stateType what to decode the accepted document's state as
     * @param <S> the state type
     * @return the accepted document (the parts the update changed, and the new version);
     *     exceptionally {@link ShadowVersionConflictException} when the version is not current
     */
    public <S> CompletableFuture<ShadowDocument<S>> update(ShadowUpdate update, Class<S> stateType) {
        Objects.requireNonNull(update, "update must not be null");
        Objects.requireNonNull(stateType, "stateType must not be null");
        return request("update", codec.updateRequest(update), reply -> codec.document(reply.body(), stateType));
    }

    /**
     * Updates the shadow; the accepted document's state as JSON trees.
     *
     * @param update the state to merge, and optionally the version it applies to
     * @return the accepted document
     */
    public CompletableFuture<ShadowDocument<JsonNode>> update(ShadowUpdate update) {
        return update(update, JsonNode.class);
    }

    /**
     * Updates the shadow from its latest version, retrying on version conflicts: reads the
     * shadow, computes the update from it, sends it with the version read, and on a 409 starts
     * again, at most {@code maxAttempts} times in all. The function may run several times, on the
     * callback executor; for a shadow that does not exist yet it gets null and the update is sent
     * without a version.
     *
     * @param stateType what to decode the read state as
     * @param change computes the update from the latest document (or null)
     * @param maxAttempts how many updates to send at most, at least 1
     * @param <S> the state type
     * @return the accepted document; exceptionally the last {@link ShadowVersionConflictException}
     *     after {@code maxAttempts} conflicts, or any other failure at once
     */
    public <S> CompletableFuture<ShadowDocument<JsonNode>> updateOptimistically(Class<S> stateType,
            Function<ShadowDocument<S>, ShadowUpdate> change, int maxAttempts) {
        Objects.requireNonNull(change, "change must not be null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        return attempt(stateType, change, maxAttempts);
    }

    private <S> CompletableFuture<ShadowDocument<JsonNode>> attempt(Class<S> stateType,
            Function<ShadowDocument<S>, ShadowUpdate> change, int attemptsLeft) {
        return get(stateType).handle((current, failure) -> {
            Throwable cause = unwrap(failure);
            if (cause instanceof ShadowException rejected && rejected.code() == ShadowErrorCode.NOT_FOUND) {
                return (ShadowDocument<S>) null;
            }
            if (cause != null) {
                throw new CompletionException(cause);
            }
            return current;
        }).thenCompose(current -> {
            ShadowUpdate update = Objects.requireNonNull(change.apply(current), "change returned no update");
            ShadowUpdate versioned = current == null ? update : update.withVersion(current.version());
            return update(versioned).handle((accepted, failure) -> {
                Throwable cause = unwrap(failure);
                if (cause instanceof ShadowVersionConflictException && attemptsLeft > 1) {
                    return attempt(stateType, change, attemptsLeft - 1);
                }
                return failure == null ? CompletableFuture.completedFuture(accepted)
                        : CompletableFuture.<ShadowDocument<JsonNode>>failedFuture(cause);
            }).thenCompose(Function.identity());
        });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * Deletes the shadow.
     *
     * @return the deleted shadow's version; exceptionally {@link ShadowException} (404 when there is none)
     */
    public CompletableFuture<ShadowDeleted> delete() {
        return request("delete", rr.mapper().createObjectNode(), reply -> codec.deleted(reply.body()));
    }

    /**
     * Streams the deltas ({@code /update/delta}): the desired state that differs from the
     * reported one, after each update that changes it. See {@link StreamingOperation} for the
     * status events and threads.
     *
     * @param stateType what to decode the delta as
     * @param handler receives each delta, in order
     * @param statusHandler receives subscription-status events, or null
     * @param <S> the state type
     * @return the open stream
     */
    public <S> StreamingOperation deltas(Class<S> stateType, Consumer<ShadowDelta<S>> handler,
            Consumer<SubscriptionStatusEvent> statusHandler) {
        Objects.requireNonNull(handler, "handler must not be null");
        return rr.openStream(prefix + "/update/delta",
                message -> handler.accept(codec.delta(message.body(), stateType)), statusHandler);
    }

    /**
     * Streams the whole documents before and after each accepted update ({@code /update/documents}).
     *
     * @param stateType what to decode the states as
     * @param handler receives each event, in order
     * @param statusHandler receives subscription-status events, or null
     * @param <S> the state type
     * @return the open stream
     */
    public <S> StreamingOperation documents(Class<S> stateType, Consumer<ShadowDocumentsEvent<S>> handler,
            Consumer<SubscriptionStatusEvent> statusHandler) {
        Objects.requireNonNull(handler, "handler must not be null");
        return rr.openStream(prefix + "/update/documents",
                message -> handler.accept(codec.documents(message.body(), stateType)), statusHandler);
    }

    private <T> CompletableFuture<T> request(String operation, tools.jackson.databind.node.ObjectNode payload,
            Function<ServiceMessage, T> decode) {
        String what = operation + " of " + describe();
        return rr.submit(ServiceRequest.correlated(prefix + "/" + operation, payload)).thenApply(reply -> {
            if (reply.rejected()) {
                throw ShadowCodec.rejection(what, reply);
            }
            return decode.apply(reply);
        });
    }

    private String describe() {
        return (shadowName == null ? "the classic shadow" : "shadow '" + shadowName + "'") + " of thing '"
                + thingName + "'";
    }

    @Override
    public String toString() {
        return "ShadowClient[" + prefix + "]";
    }
}
