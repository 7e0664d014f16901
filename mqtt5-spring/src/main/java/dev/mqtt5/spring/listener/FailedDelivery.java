package dev.mqtt5.spring.listener;

import dev.mqtt5.client.packet.PublishPacket;

import org.springframework.messaging.Message;

/**
 * A publish whose listener threw: what was received, by which listener, the exception, and a way
 * to invoke the listener again with the same message.
 */
public final class FailedDelivery {

    private final String listenerId;

    private final Message<byte[]> message;

    private final PublishPacket publish;

    private final Mqtt5MessageListener listener;

    private volatile Throwable cause;

    private volatile int attempts = 1;

    FailedDelivery(String listenerId, Message<byte[]> message, PublishPacket publish, Mqtt5MessageListener listener,
            Throwable cause) {
        this.listenerId = listenerId;
        this.message = message;
        this.publish = publish;
        this.listener = listener;
        this.cause = cause;
    }

    /** The id of the listener that failed. */
    public String getListenerId() {
        return this.listenerId;
    }

    /** The publish as the listener received it. */
    public Message<byte[]> getMessage() {
        return this.message;
    }

    /** The received publish. */
    public PublishPacket getPublish() {
        return this.publish;
    }

    /** The exception of the latest attempt. */
    public Throwable getCause() {
        return this.cause;
    }

    /** How many times the listener has been invoked for this publish, the first time included. */
    public int getAttempts() {
        return this.attempts;
    }

    /**
     * Invokes the listener again, on the calling thread.
     *
     * @return true when it succeeded, false when it threw again ({@link #getCause()} is then that exception)
     */
    public boolean retry() {
        this.attempts++;
        try {
            this.listener.onMessage(this.message);
            return true;
        } catch (Throwable ex) {
            this.cause = ex;
            return false;
        }
    }
}
