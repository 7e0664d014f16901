package dev.mqtt5.client.packet;

import java.util.List;
import java.util.Objects;

/**
 * The server's answer to UNSUBSCRIBE (UNSUBACK): one reason code per topic filter, in order.
 *
 * @param reasonCodes one code per topic filter, in the order of the request
 * @param reasonString a human-readable reason, or null
 * @param userProperties the User Properties, never null
 */
public record UnsubAckPacket(List<UnsubAckReasonCode> reasonCodes, String reasonString, List<UserProperty> userProperties) {

    /** Copies the lists. */
    public UnsubAckPacket {
        reasonCodes = List.copyOf(Objects.requireNonNull(reasonCodes, "reasonCodes must not be null"));
        userProperties = Checks.userProperties(userProperties);
    }

    /** Whether any of the reason codes is an error. */
    public boolean hasError() {
        for (UnsubAckReasonCode code : reasonCodes) {
            if (code.isError()) {
                return true;
            }
        }
        return false;
    }
}
