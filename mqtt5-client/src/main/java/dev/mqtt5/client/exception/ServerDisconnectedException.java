package dev.mqtt5.client.exception;

import dev.mqtt5.client.packet.DisconnectPacket;

/** The server ended the connection with a DISCONNECT packet, which is attached. */
public class ServerDisconnectedException extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    private final transient DisconnectPacket disconnect;

    /** @param disconnect the server's DISCONNECT */
    public ServerDisconnectedException(DisconnectPacket disconnect) {
        super("server sent DISCONNECT " + disconnect.reasonCode()
                + String.format(" (0x%02X)", disconnect.reasonCode().code())
                + (disconnect.reasonString() != null ? ": " + disconnect.reasonString() : "")
                + (disconnect.reasonCode() == dev.mqtt5.client.packet.DisconnectReasonCode.SESSION_TAKEN_OVER
                        ? " (another client connected with the same client identifier)" : ""));
        this.disconnect = disconnect;
    }

    /** The server's DISCONNECT. */
    public DisconnectPacket disconnect() {
        return disconnect;
    }
}
