package dev.mqtt5.client.packet;

import java.util.List;
import java.util.Objects;

/**
 * The release of a QoS 2 publish (PUBREL), answering PUBREC.
 *
 * @param reasonCode the result
 * @param reasonString a human-readable reason, or null
 * @param userProperties the User Properties, never null
 */
public record PubRelPacket(PubRelReasonCode reasonCode, String reasonString, List<UserProperty> userProperties) {

    private static final PubRelPacket SUCCESS = new PubRelPacket(PubRelReasonCode.SUCCESS, null, List.of());

    /** Checks the reason code and copies the properties. */
    public PubRelPacket {
        Objects.requireNonNull(reasonCode, "reasonCode must not be null");
        userProperties = Checks.userProperties(userProperties);
    }

    /** A packet with only a reason code. */
    public static PubRelPacket of(PubRelReasonCode reasonCode) {
        return reasonCode == PubRelReasonCode.SUCCESS ? SUCCESS : new PubRelPacket(reasonCode, null, List.of());
    }
}
