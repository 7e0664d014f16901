package dev.mqtt5.client.packet;

import java.util.List;
import java.util.Objects;

/**
 * The final acknowledgement of a QoS 2 publish (PUBCOMP).
 *
 * @param reasonCode the result
 * @param reasonString a human-readable reason, or null
 * @param userProperties the User Properties, never null
 */
public record PubCompPacket(PubCompReasonCode reasonCode, String reasonString, List<UserProperty> userProperties) {

    private static final PubCompPacket SUCCESS = new PubCompPacket(PubCompReasonCode.SUCCESS, null, List.of());

    /** Checks the reason code and copies the properties. */
    public PubCompPacket {
        Objects.requireNonNull(reasonCode, "reasonCode must not be null");
        userProperties = Checks.userProperties(userProperties);
    }

    /** A packet with only a reason code. */
    public static PubCompPacket of(PubCompReasonCode reasonCode) {
        return reasonCode == PubCompReasonCode.SUCCESS ? SUCCESS : new PubCompPacket(reasonCode, null, List.of());
    }
}
