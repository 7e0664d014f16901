package dev.mqtt5.client.packet;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An AUTH packet of enhanced authentication (MQTT 5.0 section 3.15), in either direction.
 *
 * @param reasonCode the step of the exchange
 * @param authenticationMethod the authentication method, or null (absent only with reason SUCCESS and no properties)
 * @param authenticationData the authentication data, or null (a secret: never printed)
 * @param reasonString a human-readable reason, or null
 * @param userProperties the User Properties, never null
 */
public record AuthPacket(AuthReasonCode reasonCode, String authenticationMethod, byte[] authenticationData,
        String reasonString, List<UserProperty> userProperties) {

    /** Checks the reason code and copies the properties. */
    public AuthPacket {
        Objects.requireNonNull(reasonCode, "reasonCode must not be null");
        userProperties = Checks.userProperties(userProperties);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthPacket a
                && reasonCode == a.reasonCode
                && Objects.equals(authenticationMethod, a.authenticationMethod)
                && Arrays.equals(authenticationData, a.authenticationData)
                && Objects.equals(reasonString, a.reasonString)
                && userProperties.equals(a.userProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reasonCode, authenticationMethod, Arrays.hashCode(authenticationData), reasonString,
                userProperties);
    }

    @Override
    public String toString() {
        return "AuthPacket[reasonCode=" + reasonCode + ", authenticationMethod=" + authenticationMethod
                + ", authenticationData=" + (authenticationData == null ? "null" : "****")
                + ", reasonString=" + reasonString + ", userProperties=" + userProperties + "]";
    }
}
