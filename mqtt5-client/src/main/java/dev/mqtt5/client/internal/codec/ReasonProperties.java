package dev.mqtt5.client.internal.codec;

import dev.mqtt5.client.packet.UserProperty;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The Reason String and User Properties that acknowledgements, DISCONNECT and AUTH carry, sized once; these are
 * the two properties a sender drops to fit the peer's Maximum Packet Size.
 */
final class ReasonProperties {

    private final String reasonString;
    private final int reasonStringLength;
    private final List<UserProperty> userProperties;
    private final int[] userPropertyLengths;
    /** The bytes these properties take inside the property block. */
    final int length;

    ReasonProperties(String packet, String reasonString, List<UserProperty> userProperties) {
        this.reasonString = reasonString;
        this.userProperties = userProperties;
        reasonStringLength = reasonString == null ? 0
                : MqttStrings.encodedLength(packet + " Reason String", reasonString);
        userPropertyLengths = PropertyWriter.userPropertyLengths(packet, userProperties);
        length = (reasonString == null ? 0 : PropertyWriter.stringSize(reasonStringLength))
                + PropertyWriter.userPropertiesSize(userPropertyLengths);
    }

    void writeTo(ByteBuf out) {
        PropertyWriter.writeString(out, Property.REASON_STRING, reasonString, reasonStringLength);
        PropertyWriter.writeUserProperties(out, userProperties, userPropertyLengths);
    }
}
