package dev.mqtt5.spring.autoconfigure;

import java.time.Duration;

/**
 * WebSocket transport settings ({@code aws.iot.mqtt5.websocket}).
 */
public class Mqtt5WebSocketProperties {

    /**
     * Whether to connect over WebSocket instead of plain TCP. SigV4 authentication always uses
     * WebSocket.
     */
    private boolean enabled;

    /**
     * Request path of the WebSocket upgrade.
     */
    private String path = "/mqtt";

    /**
     * Time allowed for the WebSocket upgrade.
     */
    private Duration handshakeTimeout;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return this.path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Duration getHandshakeTimeout() {
        return this.handshakeTimeout;
    }

    public void setHandshakeTimeout(Duration handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
    }
}
