package dev.mqtt5.client.internal.codec;

/** The property identifiers of MQTT 5.0 section 2.2.2.2, with the names error messages use. */
enum Property {
    PAYLOAD_FORMAT_INDICATOR(0x01, "Payload Format Indicator"),
    MESSAGE_EXPIRY_INTERVAL(0x02, "Message Expiry Interval"),
    CONTENT_TYPE(0x03, "Content Type"),
    RESPONSE_TOPIC(0x08, "Response Topic"),
    CORRELATION_DATA(0x09, "Correlation Data"),
    SUBSCRIPTION_IDENTIFIER(0x0B, "Subscription Identifier"),
    SESSION_EXPIRY_INTERVAL(0x11, "Session Expiry Interval"),
    ASSIGNED_CLIENT_IDENTIFIER(0x12, "Assigned Client Identifier"),
    SERVER_KEEP_ALIVE(0x13, "Server Keep Alive"),
    AUTHENTICATION_METHOD(0x15, "Authentication Method"),
    AUTHENTICATION_DATA(0x16, "Authentication Data"),
    REQUEST_PROBLEM_INFORMATION(0x17, "Request Problem Information"),
    WILL_DELAY_INTERVAL(0x18, "Will Delay Interval"),
    REQUEST_RESPONSE_INFORMATION(0x19, "Request Response Information"),
    RESPONSE_INFORMATION(0x1A, "Response Information"),
    SERVER_REFERENCE(0x1C, "Server Reference"),
    REASON_STRING(0x1F, "Reason String"),
    RECEIVE_MAXIMUM(0x21, "Receive Maximum"),
    TOPIC_ALIAS_MAXIMUM(0x22, "Topic Alias Maximum"),
    TOPIC_ALIAS(0x23, "Topic Alias"),
    MAXIMUM_QOS(0x24, "Maximum QoS"),
    RETAIN_AVAILABLE(0x25, "Retain Available"),
    USER_PROPERTY(0x26, "User Property"),
    MAXIMUM_PACKET_SIZE(0x27, "Maximum Packet Size"),
    WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, "Wildcard Subscription Available"),
    SUBSCRIPTION_IDENTIFIER_AVAILABLE(0x29, "Subscription Identifier Available"),
    SHARED_SUBSCRIPTION_AVAILABLE(0x2A, "Shared Subscription Available");

    /** Properties a server may send in each packet kind, as bit sets over {@link #bit()}. */
    static final long IN_CONNACK = bits(SESSION_EXPIRY_INTERVAL, RECEIVE_MAXIMUM, MAXIMUM_QOS, RETAIN_AVAILABLE,
            MAXIMUM_PACKET_SIZE, ASSIGNED_CLIENT_IDENTIFIER, TOPIC_ALIAS_MAXIMUM, REASON_STRING, USER_PROPERTY,
            WILDCARD_SUBSCRIPTION_AVAILABLE, SUBSCRIPTION_IDENTIFIER_AVAILABLE, SHARED_SUBSCRIPTION_AVAILABLE,
            SERVER_KEEP_ALIVE, RESPONSE_INFORMATION, SERVER_REFERENCE, AUTHENTICATION_METHOD, AUTHENTICATION_DATA);
    static final long IN_PUBLISH = bits(PAYLOAD_FORMAT_INDICATOR, MESSAGE_EXPIRY_INTERVAL, TOPIC_ALIAS, RESPONSE_TOPIC,
            CORRELATION_DATA, USER_PROPERTY, SUBSCRIPTION_IDENTIFIER, CONTENT_TYPE);
    static final long IN_ACK = bits(REASON_STRING, USER_PROPERTY);
    /** Session Expiry Interval is left out: a server must not send it in DISCONNECT [MQTT-3.14.2-2]. */
    static final long IN_SERVER_DISCONNECT = bits(REASON_STRING, USER_PROPERTY, SERVER_REFERENCE);
    static final long IN_AUTH = bits(AUTHENTICATION_METHOD, AUTHENTICATION_DATA, REASON_STRING, USER_PROPERTY);

    private static final Property[] BY_ID = new Property[64];

    static {
        for (Property p : values()) {
            BY_ID[p.id] = p;
        }
    }

    final int id;
    private final String description;

    Property(int id, String name) {
        this.id = id;
        this.description = name + String.format(" (0x%02X)", id);
    }

    /** This property's bit in a set; every identifier is below 64. */
    long bit() {
        return 1L << id;
    }

    /** Whether it may appear more than once: User Property always, Subscription Identifier in PUBLISH (its only home here). */
    boolean repeatable() {
        return this == USER_PROPERTY || this == SUBSCRIPTION_IDENTIFIER;
    }

    /** The property, or null for an identifier MQTT 5.0 does not define. */
    static Property byId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    @Override
    public String toString() {
        return description;
    }

    private static long bits(Property... properties) {
        long bits = 0;
        for (Property p : properties) {
            bits |= p.bit();
        }
        return bits;
    }
}
