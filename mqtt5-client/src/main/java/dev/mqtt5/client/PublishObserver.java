package dev.mqtt5.client;

import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;

/**
 * Sees every publish the client sends and receives, whoever sent or handles it: a hook for
 * metrics and tracing. Runs on the callback executor, never on a network thread, together with the
 * future completions of the same moment; keep it quick and do not block in it.
 */
public interface PublishObserver {

    /**
     * A publish completed.
     *
     * @param publish the publish as submitted
     * @param result the result, or null when it failed
     * @param failure why it failed (a refusing ack, a timeout, the offline-queue behaviour, stop), or null
     * @param nanos from submission to completion
     */
    default void publishCompleted(PublishPacket publish, PublishResult result, Throwable failure, long nanos) {
    }

    /** A publish arrived from the server, before it is handed to a handler or the listener. */
    default void publishReceived(PublishPacket publish) {
    }
}
