package dev.mqtt5.client;

import dev.mqtt5.client.packet.PublishPacket;

/**
 * Receives every publish the server delivers. Runs on the client's callback executor, one
 * publish at a time in the order received, never on a network thread: it may block, and may call
 * the client (even {@code publish(...).join()}). A QoS 1 or 2 publish is acknowledged when this
 * method returns.
 */
@FunctionalInterface
public interface PublishReceivedListener {

    /** Handles one received publish. */
    void onPublishReceived(PublishPacket publish);
}
