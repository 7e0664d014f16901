package dev.mqtt5.aws.iot.shadow;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An update of a shadow: a desired and/or reported state (a record, a map or a {@code JsonNode},
 * written with the client's JSON mapper; a field set to null in it deletes that field), or the
 * removal of a whole part, and optionally the version the update applies to (the service rejects
 * it with 409, {@link ShadowVersionConflictException}, if the shadow has moved on). Immutable.
 */
public final class ShadowUpdate {

    /** Marks a part to send as JSON {@code null}, which deletes it from the shadow. */
    private static final Object CLEAR = new Object();

    private final Object desired;
    private final Object reported;
    private final Long version;
    private final String clientToken;

    private ShadowUpdate(Builder builder) {
        this.desired = builder.desired;
        this.reported = builder.reported;
        this.version = builder.version;
        this.clientToken = builder.clientToken;
    }

    /**
     * A builder of an update.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An update of the reported state only, as a device sends after acting on a delta.
     *
     * @param reported the reported state
     * @return the update
     */
    public static ShadowUpdate reported(Object reported) {
        return builder().reported(reported).build();
    }

    /**
     * An update of the desired state only.
     *
     * @param desired the desired state
     * @return the update
     */
    public static ShadowUpdate desired(Object desired) {
        return builder().desired(desired).build();
    }

    /**
     * This update, applying to the given version instead.
     *
     * @param version the shadow version it applies to
     * @return a copy with that version
     */
    public ShadowUpdate withVersion(long version) {
        return new Builder(this).version(version).build();
    }

    Object desiredPart() {
        return desired;
    }

    Object reportedPart() {
        return reported;
    }

    static boolean isClear(Object part) {
        return part == CLEAR;
    }

    /**
     * The version the update applies to.
     *
     * @return the version, or empty for any
     */
    public OptionalLong version() {
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    /**
     * The client token to send.
     *
     * @return the token, or empty for a generated one
     */
    public Optional<String> clientToken() {
        return Optional.ofNullable(clientToken);
    }

    @Override
    public String toString() {
        return "ShadowUpdate[desired=" + (desired == CLEAR ? "null" : desired) + ", reported="
                + (reported == CLEAR ? "null" : reported) + ", version=" + version + "]";
    }

    /** Builds a {@link ShadowUpdate}; not thread-safe. */
    public static final class Builder {

        private Object desired;
        private Object reported;
        private Long version;
        private String clientToken;

        private Builder() {
        }

        private Builder(ShadowUpdate update) {
            this.desired = update.desired;
            this.reported = update.reported;
            this.version = update.version;
            this.clientToken = update.clientToken;
        }

        /**
         * Sets the desired state to merge into the shadow.
         *
         * @param desired a record, map or {@code JsonNode}
         * @return this builder
         */
        public Builder desired(Object desired) {
            this.desired = desired;
            return this;
        }

        /**
         * Sets the reported state to merge into the shadow.
         *
         * @param reported a record, map or {@code JsonNode}
         * @return this builder
         */
        public Builder reported(Object reported) {
            this.reported = reported;
            return this;
        }

        /**
         * Deletes the whole desired state (sends {@code "desired": null}).
         *
         * @return this builder
         */
        public Builder clearDesired() {
            this.desired = CLEAR;
            return this;
        }

        /**
         * Deletes the whole reported state (sends {@code "reported": null}).
         *
         * @return this builder
         */
        public Builder clearReported() {
            this.reported = CLEAR;
            return this;
        }

        /**
         * Sets the version the update applies to.
         *
         * @param version the shadow's current version
         * @return this builder
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * Sets the client token (at most 64 bytes); without one the client generates it.
         *
         * @param clientToken the token
         * @return this builder
         */
        public Builder clientToken(String clientToken) {
            this.clientToken = clientToken;
            return this;
        }

        /**
         * Builds the update.
         *
         * @return the update
         * @throws IllegalArgumentException when neither desired nor reported is set, or the client
         *     token is longer than 64 bytes (the service would reject it with 400 "Invalid clientToken"
         *     without echoing the token, so the reply could not be matched to the request)
         */
        public ShadowUpdate build() {
            if (desired == null && reported == null) {
                throw new IllegalArgumentException("a shadow update needs a desired or a reported state");
            }
            if (clientToken != null && clientToken.getBytes(StandardCharsets.UTF_8).length > 64) {
                throw new IllegalArgumentException("clientToken must be at most 64 bytes in UTF-8, was "
                        + clientToken.getBytes(StandardCharsets.UTF_8).length);
            }
            return new ShadowUpdate(this);
        }
    }
}
