package dev.mqtt5.client.internal.transport;

import java.io.IOException;

/** A connection attempt failed below MQTT: TCP connect, TLS handshake or WebSocket upgrade; the message says which and where. */
public final class TransportException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and where
     * @param cause the underlying failure, may be {@code null}
     */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
