package dev.mqtt5.client.exception;

import dev.mqtt5.client.packet.SubAckPacket;

/** At least one subscription was refused; the SUBACK, with one reason code per subscription, is attached. */
public class SubscribeFailedException extends OperationFailedException {

    private static final long serialVersionUID = 1L;

    private final transient SubAckPacket subAck;

    /** @param subAck the server's SUBACK */
    public SubscribeFailedException(SubAckPacket subAck) {
        super("subscribe refused: SUBACK " + subAck.reasonCodes()
                + (subAck.reasonString() != null ? ": " + subAck.reasonString() : ""));
        this.subAck = subAck;
    }

    /** The server's SUBACK. */
    public SubAckPacket subAck() {
        return subAck;
    }
}
