package dev.mqtt5.spring.autoconfigure;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.PublishReceivedListener;
import dev.mqtt5.client.PublishObserver;
import dev.mqtt5.client.exception.ConnectionRefusedException;
import dev.mqtt5.client.lifecycle.AttemptingConnectEvent;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.lifecycle.StoppedEvent;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.spring.core.Mqtt5ClientEvents;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The auto-configured client's single lifecycle listener and publish-received listener (the
 * client has one slot of each): records the last connection failure for health, completes the
 * first-connection future for startup, and fans every event out to the listeners added here
 * (the listener registry, the template, metrics, the application's {@link LifecycleListener} and
 * {@link PublishReceivedListener} beans): the auto-configured client's {@link Mqtt5ClientEvents}.
 *
 * <p>Events arrive on the client's callback executor, one at a time; the recorded state is read
 * from any thread.
 */
public final class Mqtt5ConnectionTracker implements Mqtt5ClientEvents, SmartInitializingSingleton {

    private final ObjectProvider<LifecycleListener> applicationLifecycleListeners;

    private final ObjectProvider<PublishReceivedListener> applicationPublishListeners;

    private final List<LifecycleListener> lifecycleListeners = new CopyOnWriteArrayList<>();

    private final List<PublishReceivedListener> publishReceivedListeners = new CopyOnWriteArrayList<>();

    private final List<PublishObserver> publishObservers = new CopyOnWriteArrayList<>();

    private final PublishObserver publishObserver = new ObserverFanOut();

    private final CompletableFuture<ConnectionSuccessEvent> firstConnection = new CompletableFuture<>();

    private final LifecycleListener lifecycleListener = new FanOut();

    private volatile Mqtt5Client client;

    private volatile Failure lastFailure;

    /**
     * The last connection failure or disconnection.
     *
     * @param cause the client's exception
     * @param reason the broker's reason code name (from a CONNACK or DISCONNECT), or null
     * @param reasonString the broker's reason string, or null
     * @param at when it happened
     */
    public record Failure(Throwable cause, String reason, String reasonString, Instant at) {

        /** A one-line description without secrets: exception type, reason code, reason string. */
        public String describe() {
            StringBuilder text = new StringBuilder(this.cause.getClass().getSimpleName());
            if (this.reason != null) {
                text.append(' ').append(this.reason);
            }
            if (this.reasonString != null) {
                text.append(": ").append(this.reasonString);
            } else if (this.reason == null && this.cause.getMessage() != null) {
                text.append(": ").append(this.cause.getMessage());
            }
            return text.toString();
        }
    }

    Mqtt5ConnectionTracker(ObjectProvider<LifecycleListener> lifecycleListeners,
            ObjectProvider<PublishReceivedListener> publishReceivedListeners) {
        this.applicationLifecycleListeners = lifecycleListeners;
        this.applicationPublishListeners = publishReceivedListeners;
    }

    /**
     * Adds the application's listener beans once every singleton exists, so that a listener may
     * depend on the client without a cycle.
     */
    @Override
    public void afterSingletonsInstantiated() {
        this.applicationLifecycleListeners.orderedStream().forEach(this::addLifecycleListener);
        this.applicationPublishListeners.orderedStream().forEach(this::addPublishReceivedListener);
    }

    /** Adds a listener that receives every lifecycle event after the tracker has recorded it. */
    @Override
    public void addLifecycleListener(LifecycleListener listener) {
        this.lifecycleListeners.add(listener);
    }

    /** Adds a listener that receives every publish the client's default listener receives. */
    public void addPublishReceivedListener(PublishReceivedListener listener) {
        this.publishReceivedListeners.add(listener);
    }

    /**
     * Adds an observer of every publish the client sends (with its outcome and latency) and
     * receives, whichever listener or handler takes it.
     */
    @Override
    public void addPublishObserver(PublishObserver observer) {
        this.publishObservers.add(observer);
    }

    /** The publish observer to install in the client's options. */
    PublishObserver publishObserver() {
        return this.publishObserver;
    }

    /** The listener to install in the client's options. */
    LifecycleListener lifecycleListener() {
        return this.lifecycleListener;
    }

    /** The publish listener to install in the client's options. */
    PublishReceivedListener publishReceivedListener() {
        return this::onPublishReceived;
    }

    void track(Mqtt5Client client) {
        this.client = client;
    }

    /** Whether this tracker records the events of the given client. */
    @Override
    public boolean isTracking(Mqtt5Client client) {
        return this.client == client;
    }

    /** The last connection failure or disconnection since the last successful connection, or null. */
    public Failure getLastFailure() {
        return this.lastFailure;
    }

    /**
     * Completes with the first successful connection, or exceptionally with the
     * {@link ConnectionRefusedException} of the first refused CONNACK.
     */
    CompletableFuture<ConnectionSuccessEvent> firstConnection() {
        return this.firstConnection;
    }

    /** Hands every observation to the observers added here. */
    private final class ObserverFanOut implements PublishObserver {

        @Override
        public void publishCompleted(PublishPacket publish, PublishResult result, Throwable failure, long nanos) {
            for (PublishObserver observer : Mqtt5ConnectionTracker.this.publishObservers) {
                observer.publishCompleted(publish, result, failure, nanos);
            }
        }

        @Override
        public void publishReceived(PublishPacket publish) {
            for (PublishObserver observer : Mqtt5ConnectionTracker.this.publishObservers) {
                observer.publishReceived(publish);
            }
        }
    }

    private void onPublishReceived(PublishPacket publish) {
        for (PublishReceivedListener listener : this.publishReceivedListeners) {
            listener.onPublishReceived(publish);
        }
    }

    private final class FanOut implements LifecycleListener {

        @Override
        public void onAttemptingConnect(AttemptingConnectEvent event) {
            lifecycleListeners.forEach((listener) -> listener.onAttemptingConnect(event));
        }

        @Override
        public void onConnectionSuccess(ConnectionSuccessEvent event) {
            lastFailure = null;
            firstConnection.complete(event);
            lifecycleListeners.forEach((listener) -> listener.onConnectionSuccess(event));
        }

        @Override
        public void onConnectionFailure(ConnectionFailureEvent event) {
            String reason = (event.connAck() != null) ? event.connAck().reasonCode().name() : null;
            String reasonString = (event.connAck() != null) ? event.connAck().reasonString() : null;
            lastFailure = new Failure(event.cause(), reason, reasonString, Instant.now());
            if (event.cause() instanceof ConnectionRefusedException refused) {
                firstConnection.completeExceptionally(refused);
            }
            lifecycleListeners.forEach((listener) -> listener.onConnectionFailure(event));
        }

        @Override
        public void onDisconnection(DisconnectionEvent event) {
            String reason = (event.disconnect() != null) ? event.disconnect().reasonCode().name() : null;
            String reasonString = (event.disconnect() != null) ? event.disconnect().reasonString() : null;
            lastFailure = new Failure(event.cause(), reason, reasonString, Instant.now());
            lifecycleListeners.forEach((listener) -> listener.onDisconnection(event));
        }

        @Override
        public void onStopped(StoppedEvent event) {
            lifecycleListeners.forEach((listener) -> listener.onStopped(event));
        }
    }
}
