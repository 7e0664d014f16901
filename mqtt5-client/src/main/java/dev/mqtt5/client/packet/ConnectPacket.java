package dev.mqtt5.client.packet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the client sends in its CONNECT packet. The Clean Start flag is not here: the client's
 * session behaviour decides it on every connection attempt.
 *
 * <p>Nullable components are absent from the packet when {@code null}; the MQTT 5 defaults then
 * apply. The password and authentication data are never printed by {@link #toString()}.
 *
 * @param clientId the client identifier; empty asks the server to assign one
 * @param keepAlive the keep-alive interval in whole seconds (0 disables keep-alive), at most 65535 s
 * @param username the user name, or null
 * @param password the password, or null (a secret: never logged)
 * @param sessionExpiryInterval the Session Expiry Interval, or null for 0 (session ends with the connection)
 * @param receiveMaximum how many QoS 1 and 2 publishes the client accepts at once, or null for 65535
 * @param maximumPacketSize the largest packet the client accepts, or null for no limit beyond the protocol's
 * @param topicAliasMaximum how many inbound topic aliases the client accepts, or null for 0
 * @param requestResponseInformation whether the server should send Response Information, or null
 * @param requestProblemInformation whether the server may send reason strings and user properties on failures, or null
 * @param userProperties the User Properties in order, never null
 * @param authenticationMethod the enhanced authentication method, or null
 * @param authenticationData the enhanced authentication data, or null (a secret: never logged)
 * @param will the will message, or null
 * @param willDelayInterval the Will Delay Interval, or null; only with a will
 */
public record ConnectPacket(
        String clientId,
        Duration keepAlive,
        String username,
        byte[] password,
        Duration sessionExpiryInterval,
        Integer receiveMaximum,
        Long maximumPacketSize,
        Integer topicAliasMaximum,
        Boolean requestResponseInformation,
        Boolean requestProblemInformation,
        List<UserProperty> userProperties,
        String authenticationMethod,
        byte[] authenticationData,
        PublishPacket will,
        Duration willDelayInterval) {

    /** The keep-alive used when none is configured. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(60);

    /** Normalises null client id, keep-alive and list to their defaults. */
    public ConnectPacket {
        clientId = clientId == null ? "" : clientId;
        keepAlive = keepAlive == null ? DEFAULT_KEEP_ALIVE : keepAlive;
        userProperties = userProperties == null ? List.of() : userProperties;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialised with the values of this packet. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectPacket c
                && clientId.equals(c.clientId)
                && keepAlive.equals(c.keepAlive)
                && Objects.equals(username, c.username)
                && Arrays.equals(password, c.password)
                && Objects.equals(sessionExpiryInterval, c.sessionExpiryInterval)
                && Objects.equals(receiveMaximum, c.receiveMaximum)
                && Objects.equals(maximumPacketSize, c.maximumPacketSize)
                && Objects.equals(topicAliasMaximum, c.topicAliasMaximum)
                && Objects.equals(requestResponseInformation, c.requestResponseInformation)
                && Objects.equals(requestProblemInformation, c.requestProblemInformation)
                && userProperties.equals(c.userProperties)
                && Objects.equals(authenticationMethod, c.authenticationMethod)
                && Arrays.equals(authenticationData, c.authenticationData)
                && Objects.equals(will, c.will)
                && Objects.equals(willDelayInterval, c.willDelayInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, keepAlive, username, Arrays.hashCode(password), sessionExpiryInterval,
                receiveMaximum, maximumPacketSize, topicAliasMaximum, requestResponseInformation,
                requestProblemInformation, userProperties, authenticationMethod, Arrays.hashCode(authenticationData),
                will, willDelayInterval);
    }

    @Override
    public String toString() {
        return "ConnectPacket[clientId=" + clientId + ", keepAlive=" + keepAlive + ", username=" + redactedUsername(username)
                + ", password=" + (password == null ? "null" : "****")
                + ", sessionExpiryInterval=" + sessionExpiryInterval + ", receiveMaximum=" + receiveMaximum
                + ", maximumPacketSize=" + maximumPacketSize + ", topicAliasMaximum=" + topicAliasMaximum
                + ", requestResponseInformation=" + requestResponseInformation
                + ", requestProblemInformation=" + requestProblemInformation + ", userProperties=" + userProperties
                + ", authenticationMethod=" + authenticationMethod
                + ", authenticationData=" + (authenticationData == null ? "null" : "****")
                + ", will=" + will + ", willDelayInterval=" + willDelayInterval + "]";
    }

    /**
     * The username with the values of its query string hidden (an AWS IoT custom-authorizer username
     * carries a token and its signature there), except the authorizer's name.
     */
    private static String redactedUsername(String username) {
        int query = username == null ? -1 : username.indexOf('?');
        if (query < 0) {
            return username;
        }
        StringBuilder shown = new StringBuilder(username.substring(0, query + 1));
        String[] parameters = username.substring(query + 1).split("&", -1);
        for (int i = 0; i < parameters.length; i++) {
            int eq = parameters[i].indexOf('=');
            String name = eq < 0 ? parameters[i] : parameters[i].substring(0, eq);
            shown.append(i == 0 ? "" : "&").append(name);
            if (eq >= 0) {
                shown.append('=').append(name.equals("x-amz-customauthorizer-name") ? parameters[i].substring(eq + 1) : "****");
            }
        }
        return shown.toString();
    }

    /** Builds a {@link ConnectPacket}; every setter checks its argument and names it when it is wrong. */
    public static final class Builder {
        private String clientId = "";
        private Duration keepAlive = DEFAULT_KEEP_ALIVE;
        private String username;
        private byte[] password;
        private Duration sessionExpiryInterval;
        private Integer receiveMaximum;
        private Long maximumPacketSize;
        private Integer topicAliasMaximum;
        private Boolean requestResponseInformation;
        private Boolean requestProblemInformation;
        private final List<UserProperty> userProperties = new ArrayList<>();
        private String authenticationMethod;
        private byte[] authenticationData;
        private PublishPacket will;
        private Duration willDelayInterval;

        private Builder() {
        }

        private Builder(ConnectPacket c) {
            clientId = c.clientId;
            keepAlive = c.keepAlive;
            username = c.username;
            password = c.password;
            sessionExpiryInterval = c.sessionExpiryInterval;
            receiveMaximum = c.receiveMaximum;
            maximumPacketSize = c.maximumPacketSize;
            topicAliasMaximum = c.topicAliasMaximum;
            requestResponseInformation = c.requestResponseInformation;
            requestProblemInformation = c.requestProblemInformation;
            userProperties.addAll(c.userProperties);
            authenticationMethod = c.authenticationMethod;
            authenticationData = c.authenticationData;
            will = c.will;
            willDelayInterval = c.willDelayInterval;
        }

        /** The client identifier; empty (the default) asks the server to assign one. */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId must not be null");
            return this;
        }

        /** The keep-alive interval, whole seconds from 0 (disabled) to 65535 s; default 60 s. */
        public Builder keepAlive(Duration keepAlive) {
            this.keepAlive = Checks.seconds("keepAlive", Objects.requireNonNull(keepAlive, "keepAlive must not be null"),
                    65535);
            return this;
        }

        /** The user name, or null. */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /** The password, or null; the array is not copied. */
        public Builder password(byte[] password) {
            this.password = password;
            return this;
        }

        /** The Session Expiry Interval, at most 4294967295 s (which means never); null for 0. */
        public Builder sessionExpiryInterval(Duration interval) {
            this.sessionExpiryInterval = Checks.seconds("sessionExpiryInterval", interval, Checks.MAX_FOUR_BYTE);
            return this;
        }

        /** How many QoS 1 and 2 publishes the client processes at once, 1 to 65535; null for 65535. */
        public Builder receiveMaximum(Integer receiveMaximum) {
            this.receiveMaximum = Checks.range("receiveMaximum", receiveMaximum, 1, 65535);
            return this;
        }

        /** The largest packet the client accepts, in bytes, 1 to 4294967295; null for the protocol limit. */
        public Builder maximumPacketSize(Long maximumPacketSize) {
            this.maximumPacketSize = Checks.range("maximumPacketSize", maximumPacketSize, 1L, Checks.MAX_FOUR_BYTE);
            return this;
        }

        /** How many inbound topic aliases the client accepts, 0 to 65535; null for 0. */
        public Builder topicAliasMaximum(Integer topicAliasMaximum) {
            this.topicAliasMaximum = Checks.range("topicAliasMaximum", topicAliasMaximum, 0, 65535);
            return this;
        }

        /** Whether the server should return Response Information in the CONNACK; null leaves it out. */
        public Builder requestResponseInformation(Boolean request) {
            this.requestResponseInformation = request;
            return this;
        }

        /** Whether the server may send reason strings and user properties on failures; null leaves it out. */
        public Builder requestProblemInformation(Boolean request) {
            this.requestProblemInformation = request;
            return this;
        }

        /** Adds one User Property; the order of calls is the order on the wire. */
        public Builder userProperty(String name, String value) {
            userProperties.add(new UserProperty(name, value));
            return this;
        }

        /** Replaces the User Properties. */
        public Builder userProperties(List<UserProperty> properties) {
            userProperties.clear();
            userProperties.addAll(Checks.userProperties(properties));
            return this;
        }

        /** The enhanced authentication method, or null. */
        public Builder authenticationMethod(String method) {
            this.authenticationMethod = method;
            return this;
        }

        /** The enhanced authentication data, or null; needs an authentication method. */
        public Builder authenticationData(byte[] data) {
            this.authenticationData = data;
            return this;
        }

        /** The will message the server publishes if the connection ends abnormally, or null. */
        public Builder will(PublishPacket will) {
            this.will = will;
            return this;
        }

        /** How long the server waits before it publishes the will, at most 4294967295 s; null for 0. */
        public Builder willDelayInterval(Duration interval) {
            this.willDelayInterval = Checks.seconds("willDelayInterval", interval, Checks.MAX_FOUR_BYTE);
            return this;
        }

        /**
         * Builds the packet.
         *
         * @throws IllegalArgumentException when authentication data is set without a method, or a will
         *     delay without a will
         */
        public ConnectPacket build() {
            if (authenticationData != null && authenticationMethod == null) {
                throw new IllegalArgumentException("authenticationData needs an authenticationMethod");
            }
            if (willDelayInterval != null && will == null) {
                throw new IllegalArgumentException("willDelayInterval needs a will message");
            }
            return new ConnectPacket(clientId, keepAlive, username, password, sessionExpiryInterval, receiveMaximum,
                    maximumPacketSize, topicAliasMaximum, requestResponseInformation, requestProblemInformation,
                    List.copyOf(userProperties), authenticationMethod, authenticationData, will, willDelayInterval);
        }
    }
}
