package dev.mqtt5.client.exception;

import dev.mqtt5.client.packet.UnsubAckPacket;

/** At least one topic filter could not be removed; the UNSUBACK is attached. */
public class UnsubscribeFailedException extends OperationFailedException {

    private static final long serialVersionUID = 1L;

    private final transient UnsubAckPacket unsubAck;

    /** @param unsubAck the server's UNSUBACK */
    public UnsubscribeFailedException(UnsubAckPacket unsubAck) {
        super("unsubscribe refused: UNSUBACK " + unsubAck.reasonCodes()
                + (unsubAck.reasonString() != null ? ": " + unsubAck.reasonString() : ""));
        this.unsubAck = unsubAck;
    }

    /** The server's UNSUBACK. */
    public UnsubAckPacket unsubAck() {
        return unsubAck;
    }
}
