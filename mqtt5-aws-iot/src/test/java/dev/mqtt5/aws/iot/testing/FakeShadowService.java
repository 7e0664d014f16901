package dev.mqtt5.aws.iot.testing;

import static dev.mqtt5.aws.iot.testing.ScriptedResponder.object;

import dev.mqtt5.aws.iot.testing.ScriptedResponder.Request;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One shadow as the Device Shadow service keeps it, on a {@link ScriptedResponder}: get, update
 * (merge, version check, 409), delete, and the accepted, rejected, delta and documents messages
 * AWS documents. Enough to test the client's mechanics; the full emulator lives elsewhere.
 */
public final class FakeShadowService {

    private final ScriptedResponder responder;
    private final String prefix;
    private ObjectNode desired;
    private ObjectNode reported;
    private long version;
    private boolean exists;
    /** Updates still to reject with 409 before accepting, as if another writer got there first. */
    private final AtomicInteger conflictsToInject = new AtomicInteger();

    public FakeShadowService(ScriptedResponder responder, String prefix) {
        this.responder = responder;
        this.prefix = prefix;
        responder.on(prefix + "/get", this::get);
        responder.on(prefix + "/update", this::update);
        responder.on(prefix + "/delete", this::delete);
    }

    /** The next {@code count} updates are rejected with 409, each after bumping the version as a rival writer would. */
    public void injectConflicts(int count) {
        conflictsToInject.set(count);
    }

    public synchronized long version() {
        return version;
    }

    public synchronized JsonNode desired() {
        return desired;
    }

    private synchronized void get(Request request) {
        if (!exists) {
            reject(request, "get", 404, "No shadow exists with name: 'x'");
            return;
        }
        ObjectNode state = object();
        state.set("desired", desired);
        state.set("reported", reported);
        ObjectNode delta = delta();
        if (delta != null) {
            state.set("delta", delta);
        }
        ObjectNode reply = object();
        reply.set("state", state);
        reply.set("metadata", object());
        reply.put("version", version).put("timestamp", 1_700_000_000L).put("clientToken", request.clientToken());
        responder.reply(prefix + "/get/accepted", reply);
    }

    private synchronized void update(Request request) {
        JsonNode expected = request.body().get("version");
        if (conflictsToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            version++;
            reject(request, "update", 409, "Version conflict");
            return;
        }
        if (expected != null && expected.asLong() != version) {
            reject(request, "update", 409, "Version conflict");
            return;
        }
        ObjectNode previous = exists ? document() : null;
        JsonNode state = request.body().get("state");
        desired = merge(desired, state.get("desired"));
        reported = merge(reported, state.get("reported"));
        exists = true;
        version++;
        ObjectNode accepted = object();
        accepted.set("state", state);
        accepted.set("metadata", object());
        accepted.put("version", version).put("timestamp", 1_700_000_001L).put("clientToken", request.clientToken());
        responder.reply(prefix + "/update/accepted", accepted);
        ObjectNode delta = delta();
        if (delta != null && state.has("desired")) {
            ObjectNode event = object();
            event.set("state", delta);
            event.set("metadata", object());
            event.put("version", version).put("timestamp", 1_700_000_001L).put("clientToken", request.clientToken());
            responder.reply(prefix + "/update/delta", event);
        }
        ObjectNode documents = object();
        if (previous != null) {
            documents.set("previous", previous);
        }
        documents.set("current", document());
        documents.put("timestamp", 1_700_000_001L).put("clientToken", request.clientToken());
        responder.reply(prefix + "/update/documents", documents);
    }

    private synchronized void delete(Request request) {
        if (!exists) {
            reject(request, "delete", 404, "No shadow exists with name: 'x'");
            return;
        }
        exists = false;
        desired = null;
        reported = null;
        responder.reply(prefix + "/delete/accepted", object().put("version", version)
                .put("timestamp", 1_700_000_002L).put("clientToken", request.clientToken()));
    }

    private void reject(Request request, String operation, int code, String message) {
        responder.reply(prefix + "/" + operation + "/rejected", object().put("code", code).put("message", message)
                .put("timestamp", 1_700_000_003L).put("clientToken", request.clientToken()));
    }

    private ObjectNode document() {
        ObjectNode state = object();
        state.set("desired", desired);
        state.set("reported", reported);
        ObjectNode document = object();
        document.set("state", state);
        document.set("metadata", object());
        document.put("version", version);
        return document;
    }

    private ObjectNode delta() {
        if (desired == null) {
            return null;
        }
        ObjectNode delta = object();
        for (Iterator<Map.Entry<String, JsonNode>> it = desired.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (reported == null || !field.getValue().equals(reported.get(field.getKey()))) {
                delta.set(field.getKey(), field.getValue());
            }
        }
        return delta.isEmpty() ? null : delta;
    }

    private static ObjectNode merge(ObjectNode into, JsonNode part) {
        if (part == null) {
            return into;
        }
        if (part.isNull()) {
            return null;
        }
        ObjectNode merged = into == null ? object() : into.deepCopy();
        for (Map.Entry<String, JsonNode> field : part.properties()) {
            if (field.getValue().isNull()) {
                merged.remove(field.getKey());
            } else {
                merged.set(field.getKey(), field.getValue());
            }
        }
        return merged;
    }
}
