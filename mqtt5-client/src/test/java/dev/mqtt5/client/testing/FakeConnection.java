package dev.mqtt5.client.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.mqtt.MqttMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One client connection accepted by a {@link FakeBroker}: what the client sent on it, in order,
 * and ways to send to it or close it. Thread-safe.
 */
public final class FakeConnection {

    private final int index;
    private final Channel channel;
    private final List<MqttMessage> received = new CopyOnWriteArrayList<>();

    FakeConnection(int index, Channel channel) {
        this.index = index;
        this.channel = channel;
    }

    /** @return the 0-based number of this connection among all the broker accepted */
    public int index() {
        return index;
    }

    /** @return the packets received on this connection so far, in order (malformed ones have a failed decoder result) */
    public List<MqttMessage> received() {
        return List.copyOf(received);
    }

    /** @return whether the TCP connection is still open */
    public boolean isOpen() {
        return channel.isActive();
    }

    /**
     * Sends a packet and waits until it is written. PUBLISH payloads are released once sent: build
     * a new message for each send.
     *
     * @param message the packet, e.g. from {@link BrokerReplies}
     */
    public void send(MqttMessage message) {
        await(channel.writeAndFlush(message), "sending " + message.fixedHeader().messageType());
    }

    /**
     * Sends raw bytes, bypassing the encoder, and waits until they are written.
     *
     * @param bytes the bytes, e.g. a malformed packet
     */
    public void sendRaw(byte[] bytes) {
        await(channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)), "sending raw bytes");
    }

    /** Closes the TCP connection abruptly, without a DISCONNECT, and waits until it is closed. */
    public void drop() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * Waits until the client (or the broker) closes this connection.
     *
     * @param timeout how long to wait
     * @throws AssertionError if it is still open after {@code timeout}
     */
    public void awaitClosed(Duration timeout) {
        if (!channel.closeFuture().awaitUninterruptibly(timeout.toMillis())) {
            throw new AssertionError("connection " + index + " still open after " + timeout);
        }
    }

    void record(MqttMessage message) {
        received.add(message);
    }

    Channel channel() {
        return channel;
    }

    private static void await(ChannelFuture future, String what) {
        if (!future.awaitUninterruptibly(5, TimeUnit.SECONDS)) {
            throw new AssertionError(what + " did not complete within 5 s");
        }
        if (!future.isSuccess()) {
            throw new AssertionError(what + " failed: " + future.cause(), future.cause());
        }
    }

    @Override
    public String toString() {
        return "FakeConnection{" + index + ", open=" + isOpen() + ", received=" + received.size() + '}';
    }
}
