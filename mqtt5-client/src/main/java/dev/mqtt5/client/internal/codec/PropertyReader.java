package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import dev.mqtt5.client.packet.UserProperty;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Properties block of a received packet (MQTT 5.0 section 2.2.2) into one {@link InboundProperties},
 * rejecting unknown identifiers, properties the packet kind may not carry, duplicates and out-of-range values.
 */
final class PropertyReader {

    private PropertyReader() {
    }

    /**
     * Reads the Property Length and the properties it covers, leaving {@code body} just after them.
     *
     * @param allowed the bit set of properties this packet kind may carry, see {@link Property}
     */
    static InboundProperties read(ByteBuf body, String packet, long allowed) {
        int length = VariableByteInteger.read(body, packet, "Property Length");
        if (length > body.readableBytes()) {
            throw MqttProtocolException.malformed(packet + ": Property Length " + length + " overruns the packet");
        }
        if (length == 0) {
            return InboundProperties.NONE;
        }
        InboundProperties result = new InboundProperties();
        // Every value read is bounded to the property block, so an overrun cannot reach the payload.
        int writerIndex = WireReader.bound(body, length);
        try {
            readBlock(body, packet, allowed, result);
        } finally {
            body.writerIndex(writerIndex);
        }
        return result;
    }

    private static void readBlock(ByteBuf block, String packet, long allowed, InboundProperties result) {
        long seen = 0;
        while (block.isReadable()) {
            int id = VariableByteInteger.read(block, packet, "property identifier");
            Property property = Property.byId(id);
            if (property == null) {
                throw MqttProtocolException.malformed(packet + String.format(": unknown property identifier 0x%02X", id));
            }
            if ((allowed & property.bit()) == 0) {
                throw MqttProtocolException.malformed(packet + ": property " + property + " is not allowed in this packet");
            }
            if ((seen & property.bit()) != 0 && !property.repeatable()) {
                throw MqttProtocolException.protocolError(packet + ": property " + property + " appears twice");
            }
            seen |= property.bit();
            readValue(block, packet, property, result);
        }
    }

    /** "property X" for each property: the field its errors name, built once instead of on every read. */
    private static final String[] FIELDS = new String[Property.values().length];
    private static final String USER_PROPERTY_NAME;
    private static final String USER_PROPERTY_VALUE;

    static {
        for (Property p : Property.values()) {
            FIELDS[p.ordinal()] = "property " + p;
        }
        USER_PROPERTY_NAME = FIELDS[Property.USER_PROPERTY.ordinal()] + " name";
        USER_PROPERTY_VALUE = FIELDS[Property.USER_PROPERTY.ordinal()] + " value";
    }

    private static void readValue(ByteBuf in, String packet, Property p, InboundProperties r) {
        String field = FIELDS[p.ordinal()];
        switch (p) {
            case PAYLOAD_FORMAT_INDICATOR -> r.payloadFormat = zeroOrOne(in, packet, p);
            case MESSAGE_EXPIRY_INTERVAL -> r.messageExpiryInterval = WireReader.readUnsignedInt(in, packet, field);
            case CONTENT_TYPE -> r.contentType = MqttStrings.read(in, packet, field);
            case RESPONSE_TOPIC -> r.responseTopic = MqttStrings.read(in, packet, field);
            case CORRELATION_DATA -> r.correlationData = WireReader.readBinary(in, packet, field);
            case SUBSCRIPTION_IDENTIFIER -> {
                int value = VariableByteInteger.read(in, packet, field);
                if (value == 0) {
                    throw MqttProtocolException.protocolError(packet + ": " + field + " must not be 0");
                }
                if (r.subscriptionIdentifiers.isEmpty()) {
                    r.subscriptionIdentifiers = new ArrayList<>(2);
                }
                r.subscriptionIdentifiers.add(value);
            }
            case SESSION_EXPIRY_INTERVAL -> r.sessionExpiryInterval = WireReader.readUnsignedInt(in, packet, field);
            case ASSIGNED_CLIENT_IDENTIFIER -> r.assignedClientIdentifier = MqttStrings.read(in, packet, field);
            case SERVER_KEEP_ALIVE -> r.serverKeepAlive = WireReader.readUnsignedShort(in, packet, field);
            case AUTHENTICATION_METHOD -> r.authenticationMethod = MqttStrings.read(in, packet, field);
            case AUTHENTICATION_DATA -> r.authenticationData = WireReader.readBinary(in, packet, field);
            case RESPONSE_INFORMATION -> r.responseInformation = MqttStrings.read(in, packet, field);
            case SERVER_REFERENCE -> r.serverReference = MqttStrings.read(in, packet, field);
            case REASON_STRING -> r.reasonString = MqttStrings.read(in, packet, field);
            case RECEIVE_MAXIMUM -> r.receiveMaximum = nonZeroShort(in, packet, p);
            case TOPIC_ALIAS_MAXIMUM -> r.topicAliasMaximum = WireReader.readUnsignedShort(in, packet, field);
            case TOPIC_ALIAS -> {
                int alias = WireReader.readUnsignedShort(in, packet, field);
                if (alias == 0) {
                    throw new MqttProtocolException(DisconnectReasonCode.TOPIC_ALIAS_INVALID,
                            packet + ": " + field + " must not be 0");
                }
                r.topicAlias = alias;
            }
            case MAXIMUM_QOS -> r.maximumQos = zeroOrOne(in, packet, p);
            case RETAIN_AVAILABLE -> r.retainAvailable = zeroOrOne(in, packet, p);
            case USER_PROPERTY -> {
                String name = MqttStrings.read(in, packet, USER_PROPERTY_NAME);
                String value = MqttStrings.read(in, packet, USER_PROPERTY_VALUE);
                if (r.userProperties.isEmpty()) {
                    r.userProperties = new ArrayList<>(4);
                }
                r.userProperties.add(new UserProperty(name, value));
            }
            case MAXIMUM_PACKET_SIZE -> {
                long size = WireReader.readUnsignedInt(in, packet, field);
                if (size == 0) {
                    throw MqttProtocolException.protocolError(packet + ": " + field + " must not be 0");
                }
                r.maximumPacketSize = size;
            }
            case WILDCARD_SUBSCRIPTION_AVAILABLE -> r.wildcardSubscriptionAvailable = zeroOrOne(in, packet, p);
            case SUBSCRIPTION_IDENTIFIER_AVAILABLE -> r.subscriptionIdentifierAvailable = zeroOrOne(in, packet, p);
            case SHARED_SUBSCRIPTION_AVAILABLE -> r.sharedSubscriptionAvailable = zeroOrOne(in, packet, p);
            // Client-to-server only: the allowed sets of received packets never contain them.
            case REQUEST_PROBLEM_INFORMATION, WILL_DELAY_INTERVAL, REQUEST_RESPONSE_INFORMATION ->
                    throw MqttProtocolException.malformed(packet + ": " + field + " is not allowed in this packet");
            default -> throw new IllegalStateException(p.name());
        }
    }

    private static Integer zeroOrOne(ByteBuf in, String packet, Property p) {
        int value = WireReader.readUnsignedByte(in, packet, FIELDS[p.ordinal()]);
        if (value > 1) {
            throw MqttProtocolException.protocolError(
                    packet + ": property " + p + " must be 0 or 1, was " + value);
        }
        return value;
    }

    private static Integer nonZeroShort(ByteBuf in, String packet, Property p) {
        int value = WireReader.readUnsignedShort(in, packet, FIELDS[p.ordinal()]);
        if (value == 0) {
            throw MqttProtocolException.protocolError(packet + ": property " + p + " must not be 0");
        }
        return value;
    }

    /** The values read from one Properties block; null (or an empty list) where the property was absent. */
    static final class InboundProperties {

        /**
         * An empty Properties block, shared: most received packets have none, and decoders only
         * read what {@link #read} returns (it fills only a block of its own, never this one).
         */
        static final InboundProperties NONE = new InboundProperties();

        Integer payloadFormat;
        Long messageExpiryInterval;
        String contentType;
        String responseTopic;
        byte[] correlationData;
        List<Integer> subscriptionIdentifiers = List.of();
        Long sessionExpiryInterval;
        String assignedClientIdentifier;
        Integer serverKeepAlive;
        String authenticationMethod;
        byte[] authenticationData;
        String responseInformation;
        String serverReference;
        String reasonString;
        Integer receiveMaximum;
        Integer topicAliasMaximum;
        Integer topicAlias;
        Integer maximumQos;
        Integer retainAvailable;
        List<UserProperty> userProperties = List.of();
        Long maximumPacketSize;
        Integer wildcardSubscriptionAvailable;
        Integer subscriptionIdentifierAvailable;
        Integer sharedSubscriptionAvailable;

        /** Authentication Data without an Authentication Method is a protocol error (MQTT 5.0 section 3.2.2.3.18). */
        void checkAuthenticationDataHasMethod(String packet) {
            if (authenticationData != null && authenticationMethod == null) {
                throw MqttProtocolException.protocolError(packet + ": property " + Property.AUTHENTICATION_DATA
                        + " without " + Property.AUTHENTICATION_METHOD);
            }
        }
    }
}
