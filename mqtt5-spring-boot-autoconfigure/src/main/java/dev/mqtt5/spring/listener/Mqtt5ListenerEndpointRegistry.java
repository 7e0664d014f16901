package dev.mqtt5.spring.listener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.context.SmartLifecycle;

/**
 * Holds the listener containers of the application, one per {@link Mqtt5ListenerEndpoint}, and
 * starts them with the context (after the client) and stops them before the client stops. Start
 * and stop a listener at runtime by id with {@link #start(String)} and {@link #stop(String)}.
 * Registered as a lifecycle listener of the auto-configured client, it makes every running
 * container subscribe again whenever a connection comes up without a session.
 */
public final class Mqtt5ListenerEndpointRegistry implements SmartLifecycle {

    /** The phase: after the client has started ({@code Mqtt5ClientLifecycle.PHASE}), before it stops. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

    private final Mqtt5Client client;

    private final Executor executor;

    private final Mqtt5ListenerErrorHandler defaultErrorHandler;

    private final ObservationRegistry observationRegistry;

    private final boolean connectionAware;

    private final Map<String, Mqtt5ListenerContainer> containers = Collections.synchronizedMap(new LinkedHashMap<>());

    private volatile boolean running;

    /**
     * Creates the registry.
     *
     * @param client the client listeners subscribe with
     * @param executor the executor that runs listener methods
     * @param defaultErrorHandler the error handler of listeners that name none
     * @param observationRegistry the registry for listener observations, or null for none
     * @param connectionAware whether {@link #connectionListener()} is installed on the client, so
     *     that subscriptions are made on each connection without a session
     */
    public Mqtt5ListenerEndpointRegistry(Mqtt5Client client, Executor executor,
            Mqtt5ListenerErrorHandler defaultErrorHandler, ObservationRegistry observationRegistry,
            boolean connectionAware) {
        this.client = client;
        this.executor = executor;
        this.defaultErrorHandler = defaultErrorHandler;
        this.observationRegistry = observationRegistry;
        this.connectionAware = connectionAware;
    }

    /**
     * Registers a listener; it starts now if the registry is running and the endpoint auto-starts.
     *
     * @param endpoint the endpoint
     * @return its container
     * @throws IllegalStateException when the id or a topic filter is already used by another listener
     */
    public Mqtt5ListenerContainer registerListener(Mqtt5ListenerEndpoint endpoint) {
        Mqtt5ListenerContainer container = new Mqtt5ListenerContainer(endpoint, this.client, this.executor,
                this.defaultErrorHandler, this.observationRegistry);
        container.setConnectionAware(this.connectionAware);
        synchronized (this.containers) {
            if (this.containers.containsKey(endpoint.id())) {
                throw new IllegalStateException("another MQTT listener already has id '" + endpoint.id()
                        + "'; give each @Mqtt5Listener a unique id");
            }
            for (Mqtt5ListenerContainer other : this.containers.values()) {
                for (String filter : endpoint.filters()) {
                    if (other.getEndpoint().filters().contains(filter)) {
                        throw new IllegalStateException("MQTT listeners '" + other.getId() + "' and '" + endpoint.id()
                                + "' both subscribe to '" + filter + "'; a client has one subscription per topic filter:"
                                + " handle it in one listener, or use different shared groups (@Mqtt5Listener group)");
                    }
                }
            }
            this.containers.put(endpoint.id(), container);
        }
        if (this.running && endpoint.autoStartup()) {
            container.start();
        }
        return container;
    }

    /** The container with this id, or null. */
    public Mqtt5ListenerContainer getListenerContainer(String id) {
        return this.containers.get(id);
    }

    /** Every container, in registration order. */
    public Collection<Mqtt5ListenerContainer> getListenerContainers() {
        synchronized (this.containers) {
            return List.copyOf(this.containers.values());
        }
    }

    /**
     * Starts a listener (subscribes) by id.
     *
     * @param id the listener id
     * @throws IllegalArgumentException when there is no such listener
     */
    public void start(String id) {
        container(id).start();
    }

    /**
     * Stops a listener by id and unsubscribes its filters.
     *
     * @param id the listener id
     * @throws IllegalArgumentException when there is no such listener
     */
    public void stop(String id) {
        container(id).stop(true);
    }

    private Mqtt5ListenerContainer container(String id) {
        Mqtt5ListenerContainer container = this.containers.get(id);
        if (container == null) {
            throw new IllegalArgumentException("no MQTT listener with id '" + id + "'; known ids: " + this.containers.keySet());
        }
        return container;
    }

    /** The lifecycle listener to install on the client (done by the auto-configuration). */
    public LifecycleListener connectionListener() {
        return new LifecycleListener() {
            @Override
            public void onConnectionSuccess(ConnectionSuccessEvent event) {
                boolean rejoined = event.settings().rejoinedSession();
                for (Mqtt5ListenerContainer container : getListenerContainers()) {
                    container.connectionUp(rejoined);
                }
            }
        };
    }

    @Override
    public void start() {
        for (Mqtt5ListenerContainer container : getListenerContainers()) {
            if (container.isAutoStartup()) {
                container.start();
            }
        }
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
        List<Mqtt5ListenerContainer> reversed = new ArrayList<>(getListenerContainers());
        Collections.reverse(reversed);
        reversed.forEach(Mqtt5ListenerContainer::stop);
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
