package dev.mqtt5.client.packet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The server's answer to CONNECT. Nullable components were absent from the packet; the values
 * the connection actually uses (absent values replaced by the protocol defaults) are in
 * {@code NegotiatedSettings}.
 *
 * @param sessionPresent whether the server resumed an existing session
 * @param reasonCode the result; {@link ConnectReasonCode#SUCCESS} or an error
 * @param sessionExpiryInterval the server's Session Expiry Interval, or null (the client's value stands)
 * @param receiveMaximum how many QoS 1 and 2 publishes the server accepts at once, or null for 65535
 * @param maximumQos the highest QoS the server supports, or null for {@link QoS#EXACTLY_ONCE}
 * @param retainAvailable whether the server supports retained messages, or null for true
 * @param maximumPacketSize the largest packet the server accepts, or null for no limit
 * @param assignedClientIdentifier the client identifier the server assigned, or null
 * @param topicAliasMaximum how many topic aliases the server accepts from the client, or null for 0
 * @param reasonString a human-readable reason, or null
 * @param userProperties the User Properties, never null
 * @param wildcardSubscriptionsAvailable whether wildcard subscriptions are supported, or null for true
 * @param subscriptionIdentifiersAvailable whether subscription identifiers are supported, or null for true
 * @param sharedSubscriptionsAvailable whether shared subscriptions are supported, or null for true
 * @param serverKeepAlive the keep-alive the server imposes instead of the client's, or null
 * @param responseInformation the Response Information, or null
 * @param serverReference another server to use, or null
 * @param authenticationMethod the enhanced authentication method, or null
 * @param authenticationData the enhanced authentication data, or null (never printed)
 */
public record ConnAckPacket(
        boolean sessionPresent,
        ConnectReasonCode reasonCode,
        Duration sessionExpiryInterval,
        Integer receiveMaximum,
        QoS maximumQos,
        Boolean retainAvailable,
        Long maximumPacketSize,
        String assignedClientIdentifier,
        Integer topicAliasMaximum,
        String reasonString,
        List<UserProperty> userProperties,
        Boolean wildcardSubscriptionsAvailable,
        Boolean subscriptionIdentifiersAvailable,
        Boolean sharedSubscriptionsAvailable,
        Duration serverKeepAlive,
        String responseInformation,
        String serverReference,
        String authenticationMethod,
        byte[] authenticationData) {

    /** Checks the reason code and normalises a null list. */
    public ConnAckPacket {
        Objects.requireNonNull(reasonCode, "reasonCode must not be null");
        userProperties = userProperties == null ? List.of() : userProperties;
    }

    /** Returns a new builder (used by tests and by the decoder). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnAckPacket c
                && sessionPresent == c.sessionPresent
                && reasonCode == c.reasonCode
                && Objects.equals(sessionExpiryInterval, c.sessionExpiryInterval)
                && Objects.equals(receiveMaximum, c.receiveMaximum)
                && maximumQos == c.maximumQos
                && Objects.equals(retainAvailable, c.retainAvailable)
                && Objects.equals(maximumPacketSize, c.maximumPacketSize)
                && Objects.equals(assignedClientIdentifier, c.assignedClientIdentifier)
                && Objects.equals(topicAliasMaximum, c.topicAliasMaximum)
                && Objects.equals(reasonString, c.reasonString)
                && userProperties.equals(c.userProperties)
                && Objects.equals(wildcardSubscriptionsAvailable, c.wildcardSubscriptionsAvailable)
                && Objects.equals(subscriptionIdentifiersAvailable, c.subscriptionIdentifiersAvailable)
                && Objects.equals(sharedSubscriptionsAvailable, c.sharedSubscriptionsAvailable)
                && Objects.equals(serverKeepAlive, c.serverKeepAlive)
                && Objects.equals(responseInformation, c.responseInformation)
                && Objects.equals(serverReference, c.serverReference)
                && Objects.equals(authenticationMethod, c.authenticationMethod)
                && Arrays.equals(authenticationData, c.authenticationData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionPresent, reasonCode, sessionExpiryInterval, receiveMaximum, maximumQos,
                retainAvailable, maximumPacketSize, assignedClientIdentifier, topicAliasMaximum, reasonString,
                userProperties, wildcardSubscriptionsAvailable, subscriptionIdentifiersAvailable,
                sharedSubscriptionsAvailable, serverKeepAlive, responseInformation, serverReference,
                authenticationMethod, Arrays.hashCode(authenticationData));
    }

    @Override
    public String toString() {
        return "ConnAckPacket[sessionPresent=" + sessionPresent + ", reasonCode=" + reasonCode
                + ", sessionExpiryInterval=" + sessionExpiryInterval + ", receiveMaximum=" + receiveMaximum
                + ", maximumQos=" + maximumQos + ", retainAvailable=" + retainAvailable
                + ", maximumPacketSize=" + maximumPacketSize + ", assignedClientIdentifier=" + assignedClientIdentifier
                + ", topicAliasMaximum=" + topicAliasMaximum + ", reasonString=" + reasonString
                + ", userProperties=" + userProperties
                + ", wildcardSubscriptionsAvailable=" + wildcardSubscriptionsAvailable
                + ", subscriptionIdentifiersAvailable=" + subscriptionIdentifiersAvailable
                + ", sharedSubscriptionsAvailable=" + sharedSubscriptionsAvailable
                + ", serverKeepAlive=" + serverKeepAlive + ", responseInformation=" + responseInformation
                + ", serverReference=" + serverReference + ", authenticationMethod=" + authenticationMethod
                + ", authenticationData=" + (authenticationData == null ? "null" : "****") + "]";
    }

    /** Builds a {@link ConnAckPacket}. */
    public static final class Builder {
        private boolean sessionPresent;
        private ConnectReasonCode reasonCode = ConnectReasonCode.SUCCESS;
        private Duration sessionExpiryInterval;
        private Integer receiveMaximum;
        private QoS maximumQos;
        private Boolean retainAvailable;
        private Long maximumPacketSize;
        private String assignedClientIdentifier;
        private Integer topicAliasMaximum;
        private String reasonString;
        private final List<UserProperty> userProperties = new ArrayList<>();
        private Boolean wildcardSubscriptionsAvailable;
        private Boolean subscriptionIdentifiersAvailable;
        private Boolean sharedSubscriptionsAvailable;
        private Duration serverKeepAlive;
        private String responseInformation;
        private String serverReference;
        private String authenticationMethod;
        private byte[] authenticationData;

        private Builder() {
        }

        public Builder sessionPresent(boolean v) { sessionPresent = v; return this; }
        public Builder reasonCode(ConnectReasonCode v) { reasonCode = v; return this; }
        public Builder sessionExpiryInterval(Duration v) { sessionExpiryInterval = v; return this; }
        public Builder receiveMaximum(Integer v) { receiveMaximum = v; return this; }
        public Builder maximumQos(QoS v) { maximumQos = v; return this; }
        public Builder retainAvailable(Boolean v) { retainAvailable = v; return this; }
        public Builder maximumPacketSize(Long v) { maximumPacketSize = v; return this; }
        public Builder assignedClientIdentifier(String v) { assignedClientIdentifier = v; return this; }
        public Builder topicAliasMaximum(Integer v) { topicAliasMaximum = v; return this; }
        public Builder reasonString(String v) { reasonString = v; return this; }
        public Builder userProperty(String name, String value) { userProperties.add(new UserProperty(name, value)); return this; }
        public Builder userProperties(List<UserProperty> v) { userProperties.clear(); userProperties.addAll(Checks.userProperties(v)); return this; }
        public Builder wildcardSubscriptionsAvailable(Boolean v) { wildcardSubscriptionsAvailable = v; return this; }
        public Builder subscriptionIdentifiersAvailable(Boolean v) { subscriptionIdentifiersAvailable = v; return this; }
        public Builder sharedSubscriptionsAvailable(Boolean v) { sharedSubscriptionsAvailable = v; return this; }
        public Builder serverKeepAlive(Duration v) { serverKeepAlive = v; return this; }
        public Builder responseInformation(String v) { responseInformation = v; return this; }
        public Builder serverReference(String v) { serverReference = v; return this; }
        public Builder authenticationMethod(String v) { authenticationMethod = v; return this; }
        public Builder authenticationData(byte[] v) { authenticationData = v; return this; }

        /** Builds the packet. */
        public ConnAckPacket build() {
            return new ConnAckPacket(sessionPresent, reasonCode, sessionExpiryInterval, receiveMaximum, maximumQos,
                    retainAvailable, maximumPacketSize, assignedClientIdentifier, topicAliasMaximum, reasonString,
                    List.copyOf(userProperties), wildcardSubscriptionsAvailable, subscriptionIdentifiersAvailable,
                    sharedSubscriptionsAvailable, serverKeepAlive, responseInformation, serverReference,
                    authenticationMethod, authenticationData);
        }
    }
}
