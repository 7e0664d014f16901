package dev.mqtt5.client.packet;

import java.util.List;
import java.util.Objects;

/**
 * The first acknowledgement of a QoS 2 publish (PUBREC).
 *
 * @param reasonCode the result
 * @param reasonString a human-readable reason, or null
 * @param userProperties the User Properties, never null
 */
public record PubRecPacket(PubRecReasonCode reasonCode, String reasonString, List<UserProperty> userProperties) {

    private static final PubRecPacket SUCCESS = new PubRecPacket(PubRecReasonCode.SUCCESS, null, List.of());

    /** Checks the reason code and copies the properties. */
    public PubRecPacket {
        Objects.requireNonNull(reasonCode, "reasonCode must not be null");
        userProperties = Checks.userProperties(userProperties);
    }

    /** A packet with only a reason code. */
    public static PubRecPacket of(PubRecReasonCode reasonCode) {
        return reasonCode == PubRecReasonCode.SUCCESS ? SUCCESS : new PubRecPacket(reasonCode, null, List.of());
    }
}
