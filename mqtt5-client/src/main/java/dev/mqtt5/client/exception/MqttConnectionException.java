package dev.mqtt5.client.exception;

/**
 * The connection could not be made or was lost: the socket, TLS, WebSocket upgrade, a CONNACK or
 * ping timeout, or the peer closing the connection. The message says which, and where.
 */
public class MqttConnectionException extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public MqttConnectionException(String message) {
        super(message);
    }

    /** @param message what failed @param cause the underlying failure */
    public MqttConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
