package dev.mqtt5.spring.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import dev.mqtt5.client.Acknowledgement;
import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.HandlerRegistration;
import dev.mqtt5.client.ManualAckPublishListener;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.UnsubscribePacket;
import dev.mqtt5.spring.core.Mqtt5HeaderMapper;
import dev.mqtt5.spring.observation.Mqtt5Observations;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;

/**
 * Runs one {@link Mqtt5ListenerEndpoint}: subscribes with a handler of its own on the client,
 * hands each publish from the client's callback thread to the listener executor (at most
 * {@code concurrency} at a time, arrival order kept with 1), invokes the listener, sends failures
 * to the error handler and acknowledges. {@link #connectionUp(boolean)} subscribes again when a
 * connection comes up without a session.
 *
 * <p>Thread-safe. Stopping ends the subscription with UNSUBSCRIBE when asked; publishes already
 * received are still handled. On shutdown the registry drains the container instead
 * ({@link #leaveSharedGroups()}, {@link #stopAccepting()}, {@link #awaitIdle(long)}): shared
 * subscriptions are ended first, what was received is handled and acknowledged, and publishes
 * that arrive afterwards are neither handed to the listener nor acknowledged, so that a persistent
 * session or the rest of a shared group gets them.
 */
public final class Mqtt5ListenerContainer implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(Mqtt5ListenerContainer.class);

    private static final long QUIET_POLL_MILLIS = 10;

    private final Mqtt5ListenerEndpoint endpoint;

    private final Mqtt5Client client;

    private final BoundedDispatcher dispatcher;

    private final Mqtt5ListenerErrorHandler errorHandler;

    private final ObservationRegistry observationRegistry;

    private volatile boolean connectionAware;

    private boolean running;

    private boolean subscribed;

    private volatile boolean subscriptionAcknowledged;

    /**
     * Whether received publishes are handed to the listener; when not, they are withheld (not
     * acknowledged). Guarded by {@link #acceptLock} so that a publish is either handed over before
     * {@link #stopAccepting()} returns or withheld.
     */
    private boolean accepting;

    private final Object acceptLock = new Object();

    /** The client's handler: the same for the subscription and the standing route, so it gets each publish once. */
    private final ManualAckPublishListener handler = this::onPublish;

    private final HandlerRegistration routes;

    private final AtomicLong withheld = new AtomicLong();

    /** When the last publish arrived ({@link System#nanoTime()}), for the quiet period after leaving shared groups. */
    private volatile long lastArrival;

    /** Whether {@link #leaveSharedGroups()} ended shared subscriptions, whose queued messages may still arrive. */
    private volatile boolean leftSharedGroups;

    /**
     * Creates a container.
     *
     * @param endpoint what to subscribe to and how to handle it
     * @param client the client to subscribe with
     * @param executor the executor that runs the listener
     * @param defaultErrorHandler the error handler when the endpoint has none
     * @param observationRegistry the registry for listener observations, or null for none
     */
    public Mqtt5ListenerContainer(Mqtt5ListenerEndpoint endpoint, Mqtt5Client client, Executor executor,
            Mqtt5ListenerErrorHandler defaultErrorHandler, ObservationRegistry observationRegistry) {
        this.endpoint = endpoint;
        this.client = client;
        this.dispatcher = new BoundedDispatcher(executor, endpoint.concurrency());
        this.errorHandler = (endpoint.errorHandler() != null) ? endpoint.errorHandler()
                : (defaultErrorHandler != null) ? defaultErrorHandler : new LoggingErrorHandler();
        this.observationRegistry = observationRegistry;
        // A resumed session may deliver before the container subscribes, even before it starts: the
        // client routes the endpoint's filters to it from the first CONNACK, and an auto-started
        // container takes them (others withhold them until they start).
        this.accepting = endpoint.autoStartup();
        this.routes = client.addHandler(endpoint.filters(), this.handler);
    }

    /** The endpoint this container runs. */
    public Mqtt5ListenerEndpoint getEndpoint() {
        return this.endpoint;
    }

    /** The container id (the endpoint's). */
    public String getId() {
        return this.endpoint.id();
    }

    /**
     * Tells the container that connection events will be passed to {@link #connectionUp(boolean)}:
     * it then subscribes at start only when already connected, and otherwise on the next connection.
     */
    public void setConnectionAware(boolean connectionAware) {
        this.connectionAware = connectionAware;
    }

    /** Subscribes (now when connected or not connection-aware, else on the next connection). */
    @Override
    public synchronized void start() {
        if (this.running) {
            return;
        }
        this.running = true;
        this.leftSharedGroups = false;
        synchronized (this.acceptLock) {
            this.accepting = true;
        }
        if (!this.connectionAware || this.client.state() == ClientState.CONNECTED) {
            subscribe();
        }
    }

    /** Stops handing new publishes to the listener without unsubscribing (the session keeps the subscription). */
    @Override
    public void stop() {
        stop(false);
    }

    /**
     * Stops the container.
     *
     * @param unsubscribe whether to end the subscription on the broker too
     */
    public synchronized void stop(boolean unsubscribe) {
        if (!this.running) {
            return;
        }
        this.running = false;
        if (unsubscribe && this.subscribed) {
            this.subscribed = false;
            this.subscriptionAcknowledged = false;
            unsubscribe(this.endpoint.filters());
        }
    }

    private CompletableFuture<Void> unsubscribe(List<String> filters) {
        return this.client.unsubscribe(new UnsubscribePacket(filters, null)).handle((ack, ex) -> {
            if (ex != null) {
                logger.warn("MQTT listener '" + getId() + "' could not unsubscribe from " + filters + ": " + ex);
            }
            return null;
        });
    }

    /**
     * The first step of a shutdown: stops the container and ends its shared subscriptions
     * ({@code $share/...} filters) on the broker, so that the group's other members get the
     * messages from now on. Its other subscriptions stay in the session. Publishes keep being
     * handled until {@link #stopAccepting()}.
     *
     * @return completes (normally, also on failure, which is logged) with the UNSUBACK, or at once
     *     when there is nothing to end
     */
    public synchronized CompletableFuture<Void> leaveSharedGroups() {
        this.running = false;
        List<String> shared = this.endpoint.filters().stream().filter(f -> f.startsWith("$share/")).toList();
        if (shared.isEmpty() || !this.subscribed || this.client.state() != ClientState.CONNECTED) {
            return CompletableFuture.completedFuture(null);
        }
        if (shared.size() == this.endpoint.filters().size()) {
            this.subscribed = false;
            this.subscriptionAcknowledged = false;
        }
        this.leftSharedGroups = true;
        return unsubscribe(shared);
    }

    /**
     * After {@link #leaveSharedGroups()}: waits until no publish has arrived for {@code quiet}, or
     * the deadline passes. A broker may have given this member of the group messages it has not
     * sent yet (mosquitto queues them per client and drops them when a session without expiry
     * ends); they keep arriving after UNSUBACK, paced by the acknowledgements, and are handled.
     * Returns at once when the container left no shared group.
     *
     * @param quiet how long without a publish counts as drained
     * @param deadlineNanos the {@link System#nanoTime()} to give up at
     */
    public void awaitQuiet(Duration quiet, long deadlineNanos) throws InterruptedException {
        if (!this.leftSharedGroups) {
            return;
        }
        long quietNanos = quiet.toNanos();
        long since = System.nanoTime();
        while (System.nanoTime() - deadlineNanos < 0) {
            long last = this.lastArrival;
            long silent = System.nanoTime() - ((last - since > 0) ? last : since);
            if (silent >= quietNanos && this.dispatcher.pending() == 0) {
                return;
            }
            Thread.sleep(QUIET_POLL_MILLIS);
        }
    }

    /**
     * Stops handing received publishes to the listener: from now on they are withheld, neither
     * handled nor acknowledged (the broker sends them again on the next connection of the session).
     * Publishes received before are still handled; see {@link #awaitIdle(long)}.
     */
    public void stopAccepting() {
        synchronized (this.acceptLock) {
            this.accepting = false;
        }
    }

    /**
     * Waits until every publish handed to the listener has been handled (and, unless manual,
     * acknowledged), or the deadline passes.
     *
     * @param deadlineNanos the {@link System#nanoTime()} to give up at
     * @return whether the container is idle
     */
    public boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        return this.dispatcher.awaitIdle(deadlineNanos);
    }

    /** How many listener invocations are running or waiting to run. */
    public int inFlight() {
        return this.dispatcher.pending();
    }

    /** How many publishes this container has withheld (received while not accepting) so far. */
    public long withheldCount() {
        return this.withheld.get();
    }

    /** Removes the routing of the endpoint's filters to this container from the client (for good). */
    public void close() {
        stopAccepting();
        this.routes.close();
    }

    /** Whether the broker has acknowledged the current subscription (SUBACK) and it has not been ended since. */
    public boolean isSubscribed() {
        return this.subscriptionAcknowledged;
    }

    @Override
    public synchronized boolean isRunning() {
        return this.running;
    }

    @Override
    public boolean isAutoStartup() {
        return this.endpoint.autoStartup();
    }

    /**
     * A connection came up: subscribes again when the session did not survive, or when this
     * container has not subscribed yet. Called on the client's callback thread.
     *
     * @param rejoinedSession whether the broker resumed the session (Session Present)
     */
    public synchronized void connectionUp(boolean rejoinedSession) {
        if (this.running && (!rejoinedSession || !this.subscribed)) {
            subscribe();
        }
    }

    private void subscribe() {
        this.subscribed = true;
        this.subscriptionAcknowledged = false;
        this.client.subscribe(this.endpoint.toSubscribePacket(), this.handler).whenComplete((subAck, ex) -> {
            if (ex != null) {
                synchronized (this) {
                    this.subscribed = false;
                }
                logger.error("MQTT listener '" + getId() + "' could not subscribe to " + this.endpoint.filters()
                        + " (@Mqtt5Listener topics/qos): " + ex.getMessage()
                        + "; check that the broker allows these filters (AWS IoT Core: iot:Subscribe and iot:Receive"
                        + " in the policy); it subscribes again on the next connection", ex);
            } else {
                this.subscriptionAcknowledged = true;
                logger.debug("MQTT listener '" + getId() + "' subscribed to " + this.endpoint.filters());
            }
        });
    }

    private void onPublish(PublishPacket publish, Acknowledgement ack) {
        if (this.leftSharedGroups) {
            this.lastArrival = System.nanoTime();
        }
        synchronized (this.acceptLock) {
            if (this.accepting) {
                this.dispatcher.submit(() -> handle(publish, ack));
                return;
            }
        }
        // Not acknowledged: the broker keeps it for the session (or the shared group) and sends it again.
        this.withheld.incrementAndGet();
    }

    private void handle(PublishPacket publish, Acknowledgement ack) {
        boolean manual = this.endpoint.ackMode() == AckMode.MANUAL;
        Message<byte[]> message = Mqtt5HeaderMapper.toMessage(publish, manual ? ack : null, getId());
        Observation observation = Mqtt5Observations.listener(this.observationRegistry, publish, getId()).start();
        try (Observation.Scope scope = observation.openScope()) {
            this.endpoint.listener().onMessage(message);
        } catch (Throwable ex) {
            observation.error(ex);
            handleError(message, publish, ex);
            // a failed publish is acknowledged once handled, in either mode: an unacknowledged
            // one would hold back the acknowledgements of every later publish on this client
            ack.acknowledge();
        } finally {
            observation.stop();
        }
        if (!manual) {
            ack.acknowledge();
        }
    }

    private void handleError(Message<byte[]> message, PublishPacket publish, Throwable ex) {
        try {
            this.errorHandler.handle(new FailedDelivery(getId(), message, publish, this.endpoint.listener(), ex));
        } catch (Throwable handlerFailure) {
            logger.error("the error handler of MQTT listener '" + getId() + "' failed", handlerFailure);
        }
    }

    @Override
    public String toString() {
        return "Mqtt5ListenerContainer[" + getId() + " " + this.endpoint.filters() + "]";
    }
}
