package dev.mqtt5.client.packet;

import java.util.Optional;

/**
 * The outcome of a publish: nothing for QoS 0 (complete once written to the socket), the PUBACK
 * for QoS 1, and for QoS 2 the PUBCOMP, or the PUBREC when the server refused the message at
 * that step.
 *
 * @param qos the QoS the message was published with
 * @param pubAck the PUBACK (QoS 1), else null
 * @param pubRec the PUBREC (QoS 2), else null
 * @param pubComp the PUBCOMP (QoS 2 when the flow completed), else null
 */
public record PublishResult(QoS qos, PubAckPacket pubAck, PubRecPacket pubRec, PubCompPacket pubComp) {

    private static final PublishResult QOS0 = new PublishResult(QoS.AT_MOST_ONCE, null, null, null);

    /** The result of a QoS 0 publish. */
    public static PublishResult qos0() {
        return QOS0;
    }

    /** The result of a QoS 1 publish. */
    public static PublishResult of(PubAckPacket pubAck) {
        return new PublishResult(QoS.AT_LEAST_ONCE, pubAck, null, null);
    }

    /** The result of a QoS 2 publish. */
    public static PublishResult of(PubRecPacket pubRec, PubCompPacket pubComp) {
        return new PublishResult(QoS.EXACTLY_ONCE, null, pubRec, pubComp);
    }

    /** The PUBACK, if this was QoS 1. */
    public Optional<PubAckPacket> pubAckPacket() {
        return Optional.ofNullable(pubAck);
    }

    /** The PUBCOMP, if this was QoS 2 and the flow completed. */
    public Optional<PubCompPacket> pubCompPacket() {
        return Optional.ofNullable(pubComp);
    }

    /** Whether the server refused the message (a reason code of 0x80 or above in the final ack). */
    public boolean isError() {
        return (pubAck != null && pubAck.reasonCode().isError())
                || (pubRec != null && pubRec.reasonCode().isError())
                || (pubComp != null && pubComp.reasonCode().isError());
    }
}
