package dev.mqtt5.client.exception;

import dev.mqtt5.client.packet.DisconnectPacket;

/**
 * The server closed the connection several times in a row while this operation was the oldest
 * one awaiting its acknowledgement, and the client gave up on it instead of sending it again on
 * every reconnect (a "poison" operation: a packet some broker rejects by dropping the client,
 * such as a string it considers malformed or a topic the client is not authorised for). The rest
 * of the queue goes on. The cause is how the last of those connections ended; {@link #disconnect()}
 * is the server's DISCONNECT when it sent one.
 */
public class OperationRefusedException extends OperationFailedException {

    private static final long serialVersionUID = 1L;

    private final transient DisconnectPacket disconnect;
    private final int closes;

    /**
     * @param message what failed and why
     * @param disconnect the server's last DISCONNECT, or null when it closed the connection without one
     * @param closes how many times in a row the server closed the connection after the operation was sent
     * @param cause how the last of those connections ended
     */
    public OperationRefusedException(String message, DisconnectPacket disconnect, int closes, Throwable cause) {
        super(message, cause);
        this.disconnect = disconnect;
        this.closes = closes;
    }

    /** The server's last DISCONNECT, or null when it closed the connection without one. */
    public DisconnectPacket disconnect() {
        return disconnect;
    }

    /** How many times in a row the server closed the connection after the operation was sent. */
    public int closes() {
        return closes;
    }
}
