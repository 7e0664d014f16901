package dev.mqtt5.spring.listener;

import org.springframework.messaging.Message;

/**
 * Handles one received publish as a message (payload {@code byte[]}, headers from
 * {@link dev.mqtt5.spring.core.Mqtt5Headers}) inside a {@link Mqtt5ListenerContainer}. Runs on the
 * listener executor and may block; an exception goes to the container's error handler.
 */
@FunctionalInterface
public interface Mqtt5MessageListener {

    /**
     * Handles the message.
     *
     * @param message the publish as a message
     * @throws Exception any failure, passed to the error handler
     */
    void onMessage(Message<byte[]> message) throws Exception;
}
