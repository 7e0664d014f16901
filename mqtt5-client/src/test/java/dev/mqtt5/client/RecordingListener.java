package dev.mqtt5.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.lifecycle.AttemptingConnectEvent;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.lifecycle.StoppedEvent;
import dev.mqtt5.client.packet.PublishPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records lifecycle events and received publishes, in order, with the threads they ran on. */
public final class RecordingListener implements LifecycleListener, PublishReceivedListener {

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final List<Object> history = new CopyOnWriteArrayList<>();
    private final BlockingQueue<PublishPacket> publishes = new LinkedBlockingQueue<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    private void record(Object event) {
        threads.add(Thread.currentThread().getName());
        history.add(event);
        events.add(event);
    }

    @Override
    public void onAttemptingConnect(AttemptingConnectEvent event) {
        record(event);
    }

    @Override
    public void onConnectionSuccess(ConnectionSuccessEvent event) {
        record(event);
    }

    @Override
    public void onConnectionFailure(ConnectionFailureEvent event) {
        record(event);
    }

    @Override
    public void onDisconnection(DisconnectionEvent event) {
        record(event);
    }

    @Override
    public void onStopped(StoppedEvent event) {
        record(event);
    }

    @Override
    public void onPublishReceived(PublishPacket publish) {
        threads.add(Thread.currentThread().getName());
        publishes.add(publish);
    }

    /** Waits for the next event of the given type, skipping others. */
    public <T> T await(Class<T> type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Object next = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("no " + type.getSimpleName() + " within " + timeout + "; events so far: "
                            + history);
                }
                if (type.isInstance(next)) {
                    return type.cast(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the next received publish. */
    public PublishPacket awaitPublish(Duration timeout) {
        try {
            PublishPacket publish = publishes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (publish == null) {
                throw new AssertionError("no publish received within " + timeout);
            }
            return publish;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Asserts that no publish arrives within the given time. */
    public void assertNoPublish(Duration within) throws InterruptedException {
        assertThat(publishes.poll(within.toMillis(), TimeUnit.MILLISECONDS)).isNull();
    }

    /** Every event so far, in order. */
    public List<Object> history() {
        return new ArrayList<>(history);
    }

    /** The simple class names of every event so far, in order. */
    public List<String> eventNames() {
        return history.stream().map(e -> e.getClass().getSimpleName().replace("Event", "")).toList();
    }

    /** The names of the threads callbacks ran on. */
    public List<String> threads() {
        return new ArrayList<>(threads);
    }
}
