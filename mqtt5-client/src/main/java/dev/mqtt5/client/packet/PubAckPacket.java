package dev.mqtt5.client.packet;

import java.util.List;
import java.util.Objects;

/**
 * The server's acknowledgement of a QoS 1 publish (PUBACK), or the client's of one it received.
 *
 * @param reasonCode the result
 * @param reasonString a human-readable reason, or null
 * @param userProperties the User Properties, never null
 */
public record PubAckPacket(PubAckReasonCode reasonCode, String reasonString, List<UserProperty> userProperties) {

    private static final PubAckPacket SUCCESS = new PubAckPacket(PubAckReasonCode.SUCCESS, null, List.of());

    /** Checks the reason code and copies the properties. */
    public PubAckPacket {
        Objects.requireNonNull(reasonCode, "reasonCode must not be null");
        userProperties = Checks.userProperties(userProperties);
    }

    /** A packet with only a reason code. */
    public static PubAckPacket of(PubAckReasonCode reasonCode) {
        return reasonCode == PubAckReasonCode.SUCCESS ? SUCCESS : new PubAckPacket(reasonCode, null, List.of());
    }
}
