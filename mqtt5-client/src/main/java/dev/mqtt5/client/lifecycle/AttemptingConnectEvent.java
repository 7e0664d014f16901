package dev.mqtt5.client.lifecycle;

/**
 * A connection attempt begins.
 *
 * @param attempt the number of this attempt since {@code start()} or since the last success, from 1
 */
public record AttemptingConnectEvent(int attempt) {
}
