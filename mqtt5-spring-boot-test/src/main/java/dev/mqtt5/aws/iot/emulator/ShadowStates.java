package dev.mqtt5.aws.iot.emulator;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state arithmetic of the Device Shadow service: merging an update into a section, the
 * per-leaf metadata it leaves behind, the delta between desired and reported, and the nesting
 * depth the service limits.
 */
final class ShadowStates {

    private ShadowStates() {
    }

    /**
     * Merges {@code patch} into {@code target} as a shadow update does: a null value deletes the
     * key, an object merges into an object, anything else (arrays included) replaces. Objects
     * that end up empty after deletions are removed. {@code metadata} follows the same shape and
     * gets {@code {"timestamp": seconds}} for every leaf written.
     */
    static void merge(ObjectNode target, ObjectNode metadata, ObjectNode patch, long timestamp) {
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                target.remove(key);
                metadata.remove(key);
            } else if (value.isObject()) {
                JsonNode existing = target.get(key);
                ObjectNode child = (existing instanceof ObjectNode object) ? object : target.putObject(key);
                JsonNode existingMeta = metadata.get(key);
                ObjectNode childMeta = (existing instanceof ObjectNode && existingMeta instanceof ObjectNode m
                        && !m.has("timestamp")) ? m : metadata.putObject(key);
                merge(child, childMeta, (ObjectNode) value, timestamp);
                if (child.isEmpty()) {
                    target.remove(key);
                    metadata.remove(key);
                }
            } else {
                target.set(key, value.deepCopy());
                metadata.putObject(key).put("timestamp", timestamp);
            }
        }
    }

    /**
     * The metadata of an update request's section alone: {@code {"timestamp": seconds}} for each
     * leaf, null for each deleted key, as the service puts it in {@code /update/accepted}.
     */
    static JsonNode metadataOf(JsonNode section, long timestamp) {
        if (!section.isObject()) {
            return Json.object().put("timestamp", timestamp);
        }
        ObjectNode result = Json.object();
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                result.putNull(entry.getKey());
            } else {
                result.set(entry.getKey(), metadataOf(value, timestamp));
            }
        }
        return result;
    }

    /**
     * The desired values that reported does not match: a key missing from reported or with
     * another value is in the delta with its desired value; objects on both sides compare key by
     * key. Arrays compare as whole values.
     *
     * @return the delta, empty when desired and reported agree
     */
    static ObjectNode delta(ObjectNode desired, ObjectNode reported) {
        ObjectNode delta = Json.object();
        for (Map.Entry<String, JsonNode> entry : desired.properties()) {
            String key = entry.getKey();
            JsonNode want = entry.getValue();
            JsonNode have = (reported != null) ? reported.get(key) : null;
            if (want instanceof ObjectNode wantObject && have instanceof ObjectNode haveObject) {
                ObjectNode child = delta(wantObject, haveObject);
                if (!child.isEmpty()) {
                    delta.set(key, child);
                }
            } else if (have == null || !have.equals(want)) {
                delta.set(key, want.deepCopy());
            }
        }
        return delta;
    }

    /** The metadata entries matching the keys of {@code delta}, taken from the desired metadata. */
    static ObjectNode metadataFor(ObjectNode delta, ObjectNode desiredMetadata) {
        ObjectNode result = Json.object();
        for (Map.Entry<String, JsonNode> entry : delta.properties()) {
            JsonNode meta = desiredMetadata.get(entry.getKey());
            if (meta == null) {
                continue;
            }
            if (entry.getValue() instanceof ObjectNode child && meta instanceof ObjectNode childMeta
                    && !childMeta.has("timestamp")) {
                result.set(entry.getKey(), metadataFor(child, childMeta));
            } else {
                result.set(entry.getKey(), meta.deepCopy());
            }
        }
        return result;
    }

    /** The number of nested object and array levels below {@code node} (a leaf is 0). */
    static int depth(JsonNode node) {
        int deepest = 0;
        if (node.isContainer()) {
            for (JsonNode child : node.values()) {
                deepest = Math.max(deepest, 1 + depth(child));
            }
            if (node.isEmpty()) {
                deepest = 1;
            }
        }
        return deepest;
    }
}
