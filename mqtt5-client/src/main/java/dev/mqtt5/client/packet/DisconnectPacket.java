package dev.mqtt5.client.packet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A DISCONNECT packet, sent by the client on {@code stop} or received from the server.
 *
 * @param reasonCode why the connection ends
 * @param sessionExpiryInterval a new Session Expiry Interval (client only; may not raise a zero interval), or null
 * @param reasonString a human-readable reason, or null
 * @param userProperties the User Properties, never null
 * @param serverReference another server to use (server only), or null
 */
public record DisconnectPacket(DisconnectReasonCode reasonCode, Duration sessionExpiryInterval, String reasonString,
        List<UserProperty> userProperties, String serverReference) {

    private static final DisconnectPacket NORMAL =
            new DisconnectPacket(DisconnectReasonCode.NORMAL_DISCONNECTION, null, null, List.of(), null);

    /** Checks the reason code and copies the properties. */
    public DisconnectPacket {
        Objects.requireNonNull(reasonCode, "reasonCode must not be null");
        userProperties = Checks.userProperties(userProperties);
    }

    /** A normal disconnection with no properties. */
    public static DisconnectPacket normal() {
        return NORMAL;
    }

    /** A disconnection with a reason code and a reason string (may be null). */
    public static DisconnectPacket of(DisconnectReasonCode reasonCode, String reasonString) {
        return new DisconnectPacket(reasonCode, null, reasonString, List.of(), null);
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DisconnectPacket}. */
    public static final class Builder {
        private DisconnectReasonCode reasonCode = DisconnectReasonCode.NORMAL_DISCONNECTION;
        private Duration sessionExpiryInterval;
        private String reasonString;
        private final List<UserProperty> userProperties = new ArrayList<>();
        private String serverReference;

        private Builder() {
        }

        /** The reason code (default {@link DisconnectReasonCode#NORMAL_DISCONNECTION}). */
        public Builder reasonCode(DisconnectReasonCode reasonCode) {
            this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode must not be null");
            return this;
        }

        /** A new Session Expiry Interval, at most 4294967295 s, or null to keep the one from CONNECT. */
        public Builder sessionExpiryInterval(Duration interval) {
            this.sessionExpiryInterval = Checks.seconds("sessionExpiryInterval", interval, Checks.MAX_FOUR_BYTE);
            return this;
        }

        /** A human-readable reason, or null. */
        public Builder reasonString(String reasonString) {
            this.reasonString = reasonString;
            return this;
        }

        /** Adds one User Property. */
        public Builder userProperty(String name, String value) {
            userProperties.add(new UserProperty(name, value));
            return this;
        }

        /** The Server Reference (sent by servers only), or null. */
        public Builder serverReference(String serverReference) {
            this.serverReference = serverReference;
            return this;
        }

        /** Builds the packet. */
        public DisconnectPacket build() {
            return new DisconnectPacket(reasonCode, sessionExpiryInterval, reasonString, userProperties, serverReference);
        }
    }
}
