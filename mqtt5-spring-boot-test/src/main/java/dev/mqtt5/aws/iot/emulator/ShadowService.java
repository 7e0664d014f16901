package dev.mqtt5.aws.iot.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.mqtt5.aws.iot.emulator.Json.InvalidRequestJsonException;
import dev.mqtt5.aws.iot.emulator.ShadowTopic.ShadowKey;
import dev.mqtt5.client.packet.QoS;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulated AWS IoT Device Shadow service: classic and named shadows, kept in memory.
 *
 * <p>Emulated, on the topics and with the JSON the developer guide documents: {@code get},
 * {@code update} and {@code delete} with their {@code /accepted} and {@code /rejected} responses;
 * {@code /update/delta} (the whole current delta, when an update that sets desired state leaves
 * one) and {@code /update/documents} (previous and current); per-leaf metadata timestamps, a version
 * incremented by every update and kept across a delete, {@code clientToken} echoed, a null value
 * deleting a key and {@code "desired": null} clearing the section; errors 400 (the documented
 * messages), 404 {@code No shadow exists with name: '<name>'}, 409 {@code Version conflict}, 413 when
 * the desired and reported state exceed the size limit (8 KiB by default, the guide's limit for a
 * shadow document's state; metadata does not count), 429 and 500 (raised by {@link AwsIotEmulator}).
 * Timestamps are seconds since the epoch. Responses go with the request's QoS (QoS 2 as 1).
 *
 * <p>Not emulated: authorization (401, 403), the 415 encoding check, things that do not exist
 * (every thing name is accepted), arrays' per-element metadata (an array gets one timestamp),
 * persistence across emulator restarts, and response topics private to the requesting connection:
 * on a generic broker every subscriber of a response topic receives the response.
 *
 * <p>Thread-safe; the methods for tests publish the same responses an MQTT request would.
 */
public final class ShadowService {

    private final ServicePublisher publisher;

    private final Clock clock;

    private final int maxStateBytes;

    private final Map<ShadowKey, ShadowDocument> shadows = new HashMap<>();

    ShadowService(ServicePublisher publisher, Clock clock, int maxStateBytes) {
        this.publisher = publisher;
        this.clock = clock;
        this.maxStateBytes = maxStateBytes;
    }

    /**
     * Returns a shadow as {@code /get/accepted} would show it (state with delta, metadata,
     * version, timestamp), or empty when it does not exist.
     *
     * @param thingName the thing
     * @param shadowName the named shadow, or null for the classic shadow
     * @return the document's JSON
     */
    public synchronized Optional<String> document(String thingName, String shadowName) {
        ShadowDocument shadow = this.shadows.get(new ShadowKey(thingName, shadowName));
        if (shadow == null || !shadow.exists()) {
            return Optional.empty();
        }
        return Optional.of(Json.text(shadow.toGetResponse().put("timestamp", now())));
    }

    /**
     * Updates a shadow as an application would (a cloud-side update), publishing
     * {@code /update/accepted}, {@code /update/documents} and {@code /update/delta} as the service
     * does.
     *
     * @param thingName the thing
     * @param shadowName the named shadow, or null for the classic shadow
     * @param requestJson an update request document, {@code {"state": {"desired": {...}}}}
     * @return the {@code /update/accepted} document
     * @throws IllegalArgumentException when the service would reject the request (with its message)
     */
    public String update(String thingName, String shadowName, String requestJson) {
        Objects.requireNonNull(thingName, "thingName must not be null");
        ObjectNode request;
        try {
            request = Json.parseRequest(requestJson.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidRequestJsonException ex) {
            throw new IllegalArgumentException("requestJson is not a JSON object: " + requestJson);
        }
        String prefix = ShadowTopic.prefix(thingName, shadowName);
        synchronized (this) {
            try {
                return Json.text(update(new ShadowKey(thingName, shadowName), prefix, request, QoS.AT_LEAST_ONCE));
            } catch (ShadowRequestException ex) {
                throw new IllegalArgumentException(ex.code() + " " + ex.getMessage());
            }
        }
    }

    /**
     * Sets desired state as an application would: {@code update} with {@code {"state": {"desired": desiredJson}}}.
     *
     * @param thingName the thing
     * @param shadowName the named shadow, or null for the classic shadow
     * @param desiredJson the desired section to merge (a JSON object, or {@code null} to clear)
     * @return the {@code /update/accepted} document
     */
    public String updateDesired(String thingName, String shadowName, String desiredJson) {
        return update(thingName, shadowName, "{\"state\":{\"desired\":" + desiredJson + "}}");
    }

    void handle(ServiceRequest request) {
        ShadowTopic topic = ShadowTopic.parse(request.topic());
        if (topic == null) {
            return;
        }
        ObjectNode payload;
        try {
            payload = Json.parseRequest(request.payload());
        } catch (InvalidRequestJsonException ex) {
            reject(request, 400, "Invalid JSON");
            return;
        }
        synchronized (this) {
            try {
                ObjectNode response = switch (topic.operation()) {
                    case "get" -> get(topic.key(), payload);
                    case "update" -> {
                        // publishes accepted, documents and delta itself, in that order
                        update(topic.key(), topic.prefix(), payload, request.responseQos());
                        yield null;
                    }
                    case "delete" -> delete(topic.key(), payload);
                    default -> null;
                };
                if (response != null) {
                    this.publisher.publish(request.accepted(), response, request.responseQos());
                }
            } catch (ShadowRequestException ex) {
                reject(request, ex.code(), ex.getMessage());
            }
        }
    }

    /** Publishes an error document on the request's {@code /rejected} topic. */
    void reject(ServiceRequest request, int code, String message) {
        ObjectNode error = Json.object().put("code", code).put("message", message).put("timestamp", now());
        String clientToken = bestEffortClientToken(request.payload());
        if (clientToken != null) {
            error.put("clientToken", clientToken);
        }
        this.publisher.publish(request.rejected(), error, request.responseQos());
    }

    private ObjectNode get(ShadowKey key, ObjectNode payload) throws ShadowRequestException {
        String clientToken = ShadowUpdateRequest.clientToken(payload);
        ShadowDocument shadow = existing(key);
        ObjectNode response = shadow.toGetResponse().put("timestamp", now());
        return withClientToken(response, clientToken);
    }

    private ObjectNode delete(ShadowKey key, ObjectNode payload) throws ShadowRequestException {
        String clientToken = ShadowUpdateRequest.clientToken(payload);
        ShadowDocument shadow = existing(key);
        shadow.delete();
        ObjectNode response = Json.object().put("version", shadow.version()).put("timestamp", now());
        return withClientToken(response, clientToken);
    }

    private ObjectNode update(ShadowKey key, String prefix, ObjectNode payload, QoS qos) throws ShadowRequestException {
        ShadowUpdateRequest update = ShadowUpdateRequest.of(payload);
        ShadowDocument current = this.shadows.computeIfAbsent(key, (k) -> new ShadowDocument());
        if (update.version() != null && update.version() != current.version()) {
            throw new ShadowRequestException(409, "Version conflict");
        }
        if (sizeOf(update.echoedState()) > this.maxStateBytes) {
            throw new ShadowRequestException(413, "The payload exceeds the maximum size allowed");
        }
        ObjectNode previous = current.exists() ? current.toSnapshot() : null;
        ShadowDocument next = current.copy();
        long timestamp = now();
        next.apply(update.desired(), update.reported(), timestamp);
        if (sizeOf(next.storedState()) > this.maxStateBytes) {
            throw new ShadowRequestException(413, "The payload exceeds the maximum size allowed");
        }
        this.shadows.put(key, next);

        ObjectNode metadata = Json.object();
        if (update.desired() != null) {
            metadata.set("desired", ShadowStates.metadataOf(update.desired(), timestamp));
        }
        if (update.reported() != null) {
            metadata.set("reported", ShadowStates.metadataOf(update.reported(), timestamp));
        }
        ObjectNode accepted = Json.object();
        accepted.set("state", update.echoedState());
        accepted.set("metadata", metadata);
        accepted.put("version", next.version()).put("timestamp", timestamp);
        withClientToken(accepted, update.clientToken());

        ObjectNode documents = Json.object();
        if (previous != null) {
            documents.set("previous", previous);
        }
        documents.set("current", next.toSnapshot());
        documents.put("timestamp", timestamp);
        withClientToken(documents, update.clientToken());
        this.publisher.publish(prefix + "/update/accepted", accepted, qos);
        this.publisher.publish(prefix + "/update/documents", documents, QoS.AT_LEAST_ONCE);

        ObjectNode delta = next.delta();
        if (update.desired() != null && update.desired().isObject() && !delta.isEmpty()) {
            ObjectNode deltaDocument = Json.object();
            deltaDocument.set("state", delta);
            deltaDocument.set("metadata", next.deltaMetadata(delta));
            deltaDocument.put("version", next.version()).put("timestamp", timestamp);
            withClientToken(deltaDocument, update.clientToken());
            this.publisher.publish(prefix + "/update/delta", deltaDocument, QoS.AT_LEAST_ONCE);
        }
        return accepted;
    }

    private ShadowDocument existing(ShadowKey key) throws ShadowRequestException {
        ShadowDocument shadow = this.shadows.get(key);
        if (shadow == null || !shadow.exists()) {
            String name = (key.shadowName() != null) ? key.shadowName() : key.thingName();
            throw new ShadowRequestException(404, "No shadow exists with name: '" + name + "'");
        }
        return shadow;
    }

    private static ObjectNode withClientToken(ObjectNode document, String clientToken) {
        if (clientToken != null) {
            document.put("clientToken", clientToken);
        }
        return document;
    }

    private static int sizeOf(ObjectNode state) {
        return Json.bytes(state).length;
    }

    private static String bestEffortClientToken(byte[] payload) {
        try {
            return ShadowUpdateRequest.clientToken(Json.parseRequest(payload));
        } catch (InvalidRequestJsonException | ShadowRequestException ex) {
            return null;
        }
    }

    private long now() {
        return this.clock.instant().getEpochSecond();
    }
}
