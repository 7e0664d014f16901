package dev.mqtt5.client;

/** Where the client is in its lifecycle. */
public enum ClientState {
    /** Not started, or stopped: no connection, no reconnect. */
    STOPPED,
    /** Opening the transport (TCP, TLS, WebSocket). */
    CONNECTING,
    /** CONNECT sent, waiting for CONNACK. */
    MQTT_CONNECT,
    /** Connected: operations flow. */
    CONNECTED,
    /** Sending DISCONNECT before closing. */
    CLEAN_DISCONNECT,
    /** Closing the transport. */
    CHANNEL_SHUTDOWN,
    /** Waiting for the reconnect delay to pass. */
    PENDING_RECONNECT
}
