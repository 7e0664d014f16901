package dev.mqtt5.client.exception;

import dev.mqtt5.client.packet.PublishResult;

/** The server refused a QoS 1 or QoS 2 publish; the result, with the failing PUBACK or PUBREC, is attached. */
public class PublishFailedException extends OperationFailedException {

    private static final long serialVersionUID = 1L;

    private final transient PublishResult result;

    /** @param message what was refused @param result the result carrying the ack */
    public PublishFailedException(String message, PublishResult result) {
        super(message);
        this.result = result;
    }

    /** The result, carrying the server's PUBACK or PUBREC. */
    public PublishResult result() {
        return result;
    }
}
