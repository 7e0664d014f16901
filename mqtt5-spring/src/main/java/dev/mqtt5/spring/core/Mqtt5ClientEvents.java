package dev.mqtt5.spring.core;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.PublishObserver;
import dev.mqtt5.client.lifecycle.LifecycleListener;

/**
 * The events of one {@link Mqtt5Client}, for the several components that want them: a client has
 * a single lifecycle listener and a single publish observer, so whoever builds it installs one
 * fan-out and exposes it as a bean of this type (Spring Boot's auto-configuration does). The
 * listener registry, the template, the Spring Integration inbound adapter and the metrics add
 * themselves here when it {@linkplain #isTracking tracks} their client.
 *
 * <p>Listeners and observers are called on the client's callback executor, one event at a time,
 * in the order they were added.
 */
public interface Mqtt5ClientEvents {

    /**
     * Whether the events come from the given client.
     *
     * @param client a client
     * @return true when listeners added here receive that client's events
     */
    boolean isTracking(Mqtt5Client client);

    /**
     * Adds a listener of every lifecycle event of the client.
     *
     * @param listener the listener
     */
    void addLifecycleListener(LifecycleListener listener);

    /**
     * Adds an observer of every publish the client sends (with its outcome and latency) and
     * receives, whichever listener or handler takes it.
     *
     * @param observer the observer
     */
    void addPublishObserver(PublishObserver observer);
}
