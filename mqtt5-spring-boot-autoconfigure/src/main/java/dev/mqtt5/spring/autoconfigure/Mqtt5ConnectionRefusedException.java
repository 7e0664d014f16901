package dev.mqtt5.spring.autoconfigure;

import dev.mqtt5.client.exception.ConnectionRefusedException;
import dev.mqtt5.client.packet.ConnAckPacket;

/**
 * The broker refused the first connection while startup waited for it
 * ({@code aws.iot.mqtt5.startup.wait-for-connection}); carries the refusing CONNACK.
 */
public class Mqtt5ConnectionRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String endpoint;

    private final transient ConnAckPacket connAck;

    /**
     * Creates the exception.
     *
     * @param endpoint the host and port the client connected to
     * @param cause the client's refusal
     */
    public Mqtt5ConnectionRefusedException(String endpoint, ConnectionRefusedException cause) {
        super("the MQTT broker at " + endpoint + " refused the connection: " + cause.getMessage(), cause);
        this.endpoint = endpoint;
        this.connAck = cause.connAck();
    }

    /** The host and port the client connected to. */
    public String getEndpoint() {
        return this.endpoint;
    }

    /** The refusing CONNACK. */
    public ConnAckPacket getConnAck() {
        return this.connAck;
    }
}
