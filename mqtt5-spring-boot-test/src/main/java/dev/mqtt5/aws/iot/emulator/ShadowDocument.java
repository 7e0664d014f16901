package dev.mqtt5.aws.iot.emulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One shadow (classic or named) as the Device Shadow service keeps it: the desired and reported
 * sections, their per-leaf metadata, and the version. A deleted shadow keeps its version, so the
 * next update continues from it, as the service does. Not thread-safe: the {@link ShadowService}
 * lock guards it.
 */
final class ShadowDocument {

    private ObjectNode desired;

    private ObjectNode reported;

    private ObjectNode desiredMetadata = Json.object();

    private ObjectNode reportedMetadata = Json.object();

    private long version;

    private boolean exists;

    /** A deep copy, to apply an update to before it is known to fit the size limit. */
    ShadowDocument copy() {
        ShadowDocument copy = new ShadowDocument();
        copy.desired = (this.desired != null) ? this.desired.deepCopy() : null;
        copy.reported = (this.reported != null) ? this.reported.deepCopy() : null;
        copy.desiredMetadata = this.desiredMetadata.deepCopy();
        copy.reportedMetadata = this.reportedMetadata.deepCopy();
        copy.version = this.version;
        copy.exists = this.exists;
        return copy;
    }

    boolean exists() {
        return this.exists;
    }

    long version() {
        return this.version;
    }

    /**
     * Applies a validated update: a section given as null is cleared, an object is merged.
     * Increments the version and makes the shadow exist.
     */
    void apply(JsonNode desiredPatch, JsonNode reportedPatch, long timestamp) {
        if (desiredPatch != null) {
            if (desiredPatch.isNull()) {
                this.desired = null;
                this.desiredMetadata = Json.object();
            } else {
                if (this.desired == null) {
                    this.desired = Json.object();
                }
                ShadowStates.merge(this.desired, this.desiredMetadata, (ObjectNode) desiredPatch, timestamp);
            }
        }
        if (reportedPatch != null) {
            if (reportedPatch.isNull()) {
                this.reported = null;
                this.reportedMetadata = Json.object();
            } else {
                if (this.reported == null) {
                    this.reported = Json.object();
                }
                ShadowStates.merge(this.reported, this.reportedMetadata, (ObjectNode) reportedPatch, timestamp);
            }
        }
        this.version++;
        this.exists = true;
    }

    /** Deletes the state; the version stays. */
    void delete() {
        this.desired = null;
        this.reported = null;
        this.desiredMetadata = Json.object();
        this.reportedMetadata = Json.object();
        this.exists = false;
    }

    /** The delta between desired and reported, empty when there is none. */
    ObjectNode delta() {
        return (this.desired != null) ? ShadowStates.delta(this.desired, this.reported) : Json.object();
    }

    /** The delta's metadata: the desired timestamps of the keys in {@code delta}. */
    ObjectNode deltaMetadata(ObjectNode delta) {
        return ShadowStates.metadataFor(delta, this.desiredMetadata);
    }

    /** {@code {"desired": ..., "reported": ...}} without the delta: what the size limit counts. */
    ObjectNode storedState() {
        ObjectNode state = Json.object();
        if (this.desired != null) {
            state.set("desired", this.desired.deepCopy());
        }
        if (this.reported != null) {
            state.set("reported", this.reported.deepCopy());
        }
        return state;
    }

    /** The state and metadata as {@code /get/accepted} shows them: with the delta when there is one. */
    ObjectNode toGetResponse() {
        ObjectNode response = Json.object();
        ObjectNode state = storedState();
        ObjectNode delta = delta();
        if (!delta.isEmpty()) {
            state.set("delta", delta);
        }
        response.set("state", state);
        response.set("metadata", metadata());
        response.put("version", this.version);
        return response;
    }

    /** The state and metadata as {@code /update/documents} shows them in previous and current. */
    ObjectNode toSnapshot() {
        ObjectNode snapshot = Json.object();
        snapshot.set("state", storedState());
        snapshot.set("metadata", metadata());
        snapshot.put("version", this.version);
        return snapshot;
    }

    private ObjectNode metadata() {
        ObjectNode metadata = Json.object();
        if (this.desired != null) {
            metadata.set("desired", this.desiredMetadata.deepCopy());
        }
        if (this.reported != null) {
            metadata.set("reported", this.reportedMetadata.deepCopy());
        }
        return metadata;
    }
}
