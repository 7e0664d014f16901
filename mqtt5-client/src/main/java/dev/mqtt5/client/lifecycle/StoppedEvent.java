package dev.mqtt5.client.lifecycle;

/** The client stopped after {@code stop()}: no connection, no reconnect until {@code start()}. */
public record StoppedEvent() {
}
