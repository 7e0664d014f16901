package dev.mqtt5.client.exception;

import dev.mqtt5.client.packet.ConnAckPacket;

/** The server answered CONNECT with an error reason code; the CONNACK is attached. */
public class ConnectionRefusedException extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    private final transient ConnAckPacket connAck;

    /** @param connAck the refusing CONNACK */
    public ConnectionRefusedException(ConnAckPacket connAck) {
        super("server refused the connection: CONNACK " + connAck.reasonCode()
                + String.format(" (0x%02X)", connAck.reasonCode().code())
                + (connAck.reasonString() != null ? ": " + connAck.reasonString() : ""));
        this.connAck = connAck;
    }

    /** The server's CONNACK. */
    public ConnAckPacket connAck() {
        return connAck;
    }
}
