package dev.mqtt5.spring.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Holds the listener containers of the application, one per {@link Mqtt5ListenerEndpoint}, and
 * starts them with the context (after the client) and stops them before the client stops. Start
 * and stop a listener at runtime by id with {@link #start(String)} and {@link #stop(String)}.
 * With its {@link #connectionListener()} installed on the client (the auto-configuration does), it
 * makes every running container subscribe again whenever a connection comes up without a session.
 *
 * <p>Stopping drains, before the client disconnects (it stops in a later phase): shared
 * subscriptions are ended first (UNSUBSCRIBE, so the rest of the group gets new messages), then
 * the containers stop taking deliveries, and the listener invocations already running or queued
 * finish and are acknowledged, up to the shutdown timeout. Publishes that arrive after that are
 * not acknowledged, so that a persistent session gets them again. Listener invocations are never
 * interrupted; those still running at the timeout are reported, and their acknowledgements are
 * lost with the connection (the broker redelivers them to a persistent session).
 */
public final class Mqtt5ListenerEndpointRegistry implements SmartLifecycle, DisposableBean {

    /** The phase: after the client has started ({@code Mqtt5ClientLifecycle.PHASE}), before it stops. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

    /** How long stopping waits for running listener invocations by default. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    /** How long without a publish tells that a broker has sent what it had queued for a member leaving a shared group. */
    private static final Duration SHARED_QUIET_PERIOD = Duration.ofMillis(200);

    private static final Log logger = LogFactory.getLog(Mqtt5ListenerEndpointRegistry.class);

    private final Mqtt5Client client;

    private final Executor executor;

    private final Mqtt5ListenerErrorHandler defaultErrorHandler;

    private final ObservationRegistry observationRegistry;

    private final boolean connectionAware;

    private final Map<String, Mqtt5ListenerContainer> containers = Collections.synchronizedMap(new LinkedHashMap<>());

    private volatile boolean running;

    private volatile Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

    private volatile boolean leaveSharedGroups = true;

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

    /**
     * Sets how long stopping waits for shared subscriptions to end and for listener invocations
     * to finish, in all.
     */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("the listener shutdown timeout must be zero or positive, was "
                    + shutdownTimeout);
        }
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * Sets whether stopping ends shared subscriptions with UNSUBSCRIBE first (the default, as MQTT
     * 5.0 section 3.10.4 describes: the broker completes what it started sending). Turn it off for
     * a broker that hands a departed member's unacknowledged messages to the rest of the group
     * and mishandles acknowledgements that follow an UNSUBSCRIBE (HiveMQ CE stops delivering to
     * the whole group): the member then only stops taking new messages and disconnects.
     */
    public void setLeaveSharedGroups(boolean leaveSharedGroups) {
        this.leaveSharedGroups = leaveSharedGroups;
    }

    /** Stops and drains every container (see the class description); returns when done or timed out. */
    @Override
    public void stop() {
        this.running = false;
        List<Mqtt5ListenerContainer> reversed = new ArrayList<>(getListenerContainers());
        Collections.reverse(reversed);
        long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
        try {
            if (this.leaveSharedGroups) {
                leaveSharedGroups(reversed, deadline);
                for (Mqtt5ListenerContainer container : reversed) {
                    container.awaitQuiet(SHARED_QUIET_PERIOD, deadline);
                }
            }
            reversed.forEach(Mqtt5ListenerContainer::stopAccepting);
            awaitIdle(reversed, deadline);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        for (Mqtt5ListenerContainer container : reversed) {
            container.stop();
            long withheld = container.withheldCount();
            if (withheld > 0) {
                logger.info("MQTT listener '" + container.getId() + "' left " + withheld + " publish(es) that arrived"
                        + " after it stopped unacknowledged: the broker sends them again to a persistent session");
            }
        }
    }

    /** Stops on a thread of its own, so that the wait counts against the shutdown phase's timeout. */
    @Override
    public void stop(Runnable callback) {
        ShutdownThread.start("mqtt5-listener-shutdown", this::stop, callback, logger,
                "Stopping the MQTT listeners failed");
    }

    private static void leaveSharedGroups(List<Mqtt5ListenerContainer> containers, long deadline)
            throws InterruptedException {
        List<CompletableFuture<Void>> leaving = containers.stream().map(Mqtt5ListenerContainer::leaveSharedGroups).toList();
        try {
            CompletableFuture.allOf(leaving.toArray(CompletableFuture[]::new))
                .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException ex) {
            logger.warn("MQTT listeners: shared subscriptions not ended before the shutdown timeout; stopping anyway");
        }
    }

    private void awaitIdle(List<Mqtt5ListenerContainer> containers, long deadline) throws InterruptedException {
        for (Mqtt5ListenerContainer container : containers) {
            if (!container.awaitIdle(deadline)) {
                logger.warn("MQTT listener '" + container.getId() + "' still has " + container.inFlight()
                        + " invocation(s) running after the shutdown timeout (" + this.shutdownTimeout
                        + ", aws.iot.mqtt5.listener.shutdown-timeout): the client disconnects, and their publishes"
                        + " are not acknowledged");
            }
        }
    }

    /** Removes the containers' routes from the client. */
    @Override
    public void destroy() {
        getListenerContainers().forEach(Mqtt5ListenerContainer::close);
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
