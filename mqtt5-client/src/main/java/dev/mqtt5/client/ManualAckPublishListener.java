package dev.mqtt5.client;

import dev.mqtt5.client.packet.PublishPacket;

/**
 * Receives publishes and acknowledges them when the application decides, by calling
 * {@link Acknowledgement#acknowledge()} (from any thread, during or after the callback). Runs on
 * the callback executor, one publish at a time, in the order received.
 */
@FunctionalInterface
public interface ManualAckPublishListener {

    /** Handles one received publish; call {@code ack.acknowledge()} once it is safely processed. */
    void onPublishReceived(PublishPacket publish, Acknowledgement ack);
}
