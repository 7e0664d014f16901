package dev.mqtt5.client;

import dev.mqtt5.client.exception.ClientStoppedException;
import dev.mqtt5.client.internal.codec.EncodedTopic;
import dev.mqtt5.client.internal.engine.ClientEngine;
import dev.mqtt5.client.internal.engine.Operations;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.lifecycle.LifecycleListenerRegistration;
import dev.mqtt5.client.lifecycle.NegotiatedSettings;
import dev.mqtt5.client.packet.AuthPacket;
import dev.mqtt5.client.packet.DisconnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.UnsubAckPacket;
import dev.mqtt5.client.packet.UnsubscribePacket;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An MQTT 5 client. Create it with {@link Mqtt5ClientOptions}, {@link #start()} it, and it
 * connects and keeps reconnecting until {@link #stop(DisconnectPacket)}. Operations may be
 * submitted at any time; while there is no connection they wait in the operation queue, subject
 * to the offline-queue behaviour.
 *
 * <p>Every method is thread-safe and returns at once: arguments are checked on the calling
 * thread ({@link IllegalArgumentException} naming the field), then the work is handed to the
 * client's event loop. Futures complete, and listeners run, on the callback executor, never on
 * the network thread: user code may block and may call the client.
 *
 * <p>A future never completes normally for a failed operation: a reason code of {@code 0x80} or
 * above completes it exceptionally with an exception that carries the ack packet.
 */
public final class Mqtt5Client implements AutoCloseable {

    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(Mqtt5Client.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ClientEngine engine;
    /** Set once by {@link #close()}, through {@link #CLOSED} (a field, not an AtomicBoolean: less heap per client). */
    private volatile boolean closed;
    /**
     * The last publish's topic, as {@link EncodedTopic#recall} keeps it; written by publishing
     * threads (a benign race: what it holds is immutable). It fits this object's padding: no heap.
     */
    private Object recentTopic;

    /**
     * Creates a stopped client on the shared event loop group (no thread per client).
     *
     * @throws IllegalArgumentException when the CONNECT options are invalid
     */
    public Mqtt5Client(Mqtt5ClientOptions options) {
        this.engine = ClientEngine.create(Objects.requireNonNull(options, "options must not be null"));
    }

    /** The options this client was created with. */
    public Mqtt5ClientOptions options() {
        return engine.options();
    }

    /**
     * Starts connecting; the client reconnects on its own until {@link #stop(DisconnectPacket)}.
     * Does nothing if already started. Progress is reported through the lifecycle listener.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public void start() {
        if (closed) {
            throw new IllegalStateException("the client is closed; create a new Mqtt5Client");
        }
        engine.start();
    }

    /**
     * Stops: sends the given DISCONNECT if connected, closes the connection, fails every
     * incomplete operation with {@link ClientStoppedException}, and emits the Stopped event.
     * A stopped client can be started again; it then begins a new session under
     * {@code REJOIN_POST_SUCCESS}.
     *
     * @param disconnect the DISCONNECT to send, or null for a normal disconnection
     * @return a future completed once the client has stopped
     * @throws IllegalArgumentException when the DISCONNECT raises a zero session expiry or is otherwise invalid
     */
    public CompletableFuture<Void> stop(DisconnectPacket disconnect) {
        return engine.stop(disconnect);
    }

    /** Stops with a normal disconnection; see {@link #stop(DisconnectPacket)}. */
    public CompletableFuture<Void> stop() {
        return stop(null);
    }

    /**
     * Publishes a message.
     *
     * @return completed with nothing for QoS 0 (once written), the PUBACK for QoS 1, the PUBCOMP
     *     for QoS 2; exceptionally with {@code PublishFailedException} when the server refuses it
     * @throws IllegalArgumentException when the topic, a string or a property is invalid (a string
     *     with a control character or Unicode non-character included, unless
     *     {@link Mqtt5ClientOptions.Builder#allowDiscouragedCharacters}), a payload whose format is
     *     {@code UTF8} is not well-formed UTF-8, or the QoS or retain flag exceeds what the connected
     *     server allows
     */
    public CompletableFuture<PublishResult> publish(PublishPacket publish) {
        return publish(publish, null);
    }

    /**
     * Publishes a message with its own acknowledgement timeout instead of the client's
     * {@code operationTimeout}; see {@link #publish(PublishPacket)}.
     *
     * @param ackTimeout how long the server may take to acknowledge it once written, or null for the default
     */
    public CompletableFuture<PublishResult> publish(PublishPacket publish, Duration ackTimeout) {
        Objects.requireNonNull(publish, "publish must not be null");
        // A topic String that repeats the last publish's is checked and encoded once (EncodedTopic).
        Object before = recentTopic;
        Object recent = EncodedTopic.recall(before, "publish topic", publish.topic(),
                engine.options().allowDiscouragedCharacters());
        if (recent != before) {
            recentTopic = recent;
        }
        return Operations.publish(engine, publish, recent instanceof EncodedTopic topic ? topic : null, ackTimeout);
    }

    /**
     * Subscribes.
     *
     * <p>A {@code subscriptionIdentifier} the client assigned to one of its live handler
     * subscriptions (see {@link #subscribe(SubscribePacket, PublishReceivedListener)}) is refused:
     * publishes for either subscription would reach the other's receiver. Which identifiers are
     * in use is known only on the client's event loop, in submission order, so this refusal
     * completes the returned future exceptionally instead of throwing.
     *
     * @return completed with the SUBACK; exceptionally with {@code SubscribeFailedException}
     *     (carrying the SUBACK) when any subscription is refused, or with
     *     {@link IllegalArgumentException} when its {@code subscriptionIdentifier} is in use by a
     *     handler subscription
     * @throws IllegalArgumentException when a topic filter or option is invalid
     */
    public CompletableFuture<SubAckPacket> subscribe(SubscribePacket subscribe) {
        return Operations.subscribe(engine, Objects.requireNonNull(subscribe, "subscribe must not be null"), null, null);
    }

    /**
     * Subscribes with a handler of its own: publishes that match this subscription go to the
     * handler (acknowledged when it returns) instead of the client's publish-received listener.
     * Matching uses the Subscription Identifier when the server supports them (the client assigns
     * one if the packet has none), otherwise the topic filter, {@code $share/group/} included. A
     * publish that matches several handlers goes to each. The route ends with a successful
     * unsubscribe of the filter, or when the subscription is refused.
     *
     * <p>The identifiers the client assigns come from its own range, 268,435,455 down to
     * 134,217,728, and are never one in use on this client, the application's included. A
     * {@code subscriptionIdentifier} set on the packet is used as given, unless the client
     * assigned it to a live handler subscription: then the future fails with
     * {@link IllegalArgumentException}, as for {@link #subscribe(SubscribePacket)}.
     */
    public CompletableFuture<SubAckPacket> subscribe(SubscribePacket subscribe, PublishReceivedListener handler) {
        Objects.requireNonNull(handler, "handler must not be null");
        return subscribe(subscribe, Operations.acknowledgingOnReturn(handler));
    }

    /**
     * Subscribes with a handler of its own that acknowledges each publish itself; see
     * {@link #subscribe(SubscribePacket, PublishReceivedListener)} and {@link Acknowledgement}.
     */
    public CompletableFuture<SubAckPacket> subscribe(SubscribePacket subscribe, ManualAckPublishListener handler) {
        Objects.requireNonNull(handler, "handler must not be null");
        return Operations.subscribe(engine, Objects.requireNonNull(subscribe, "subscribe must not be null"), handler, null);
    }

    /**
     * Subscribes with its own acknowledgement timeout; see {@link #subscribe(SubscribePacket)}.
     *
     * @param ackTimeout how long the server may take to answer once written, or null for the default
     */
    public CompletableFuture<SubAckPacket> subscribe(SubscribePacket subscribe, Duration ackTimeout) {
        return Operations.subscribe(engine, Objects.requireNonNull(subscribe, "subscribe must not be null"), null, ackTimeout);
    }

    /**
     * Routes received publishes whose topic matches one of {@code topicFilters} to
     * {@code handler}, from now on, whether or not this client has subscribed to these filters on
     * this connection: a resumed session delivers messages for subscriptions made by an earlier
     * process before this one subscribes again (the server may send them right after CONNACK),
     * and a handler given only to {@link #subscribe(SubscribePacket, ManualAckPublishListener)}
     * is not known before that SUBSCRIBE is submitted. Nothing is sent to the server: subscribe
     * as well, for the subscriptions to exist.
     *
     * <p>Precedence: a publish goes to the handlers of the subscriptions it matches, if any
     * (see {@link #subscribe(SubscribePacket, PublishReceivedListener)}); only when none claims
     * it, to the handlers registered here whose filters match (each handler once, whatever the
     * number of its registrations that match); only when none matches, to the client's
     * publish-received listener. So a handler given both to {@code subscribe} and to this
     * method, the same object, gets each publish once. The handler acknowledges each publish
     * itself (see {@link Acknowledgement}).
     *
     * <p>Filters are checked as a SUBSCRIBE's are (wildcards; {@code $share/group/filter}
     * matches on the filter after the group). May be called from any thread, before
     * {@link #start()}, while connected or offline: publishes processed after it returns are
     * routed by it, until {@link HandlerRegistration#close()}.
     *
     * @param topicFilters one or more topic filters
     * @param handler receives the matching publishes, on the callback executor
     * @return the registration; close it to remove the route
     * @throws IllegalArgumentException when {@code topicFilters} is empty or a filter is invalid
     * @throws NullPointerException when an argument or a filter is null
     */
    public HandlerRegistration addHandler(List<String> topicFilters, ManualAckPublishListener handler) {
        return Operations.addHandler(engine, topicFilters, handler);
    }

    /**
     * Adds a lifecycle listener next to the one in the options, for code layered on a client it
     * did not build (a library that must know when a connection comes up, whether its session was
     * resumed, and when it ends). The listener receives the events the client dispatches after
     * this method returns, in the order {@link LifecycleListener} describes, on the callback
     * executor, after the options' listener and the listeners added before it. A listener that
     * throws is logged; the others still get the event. May be called from any thread, at any
     * time, listener callbacks included.
     *
     * <p>An event that happened before (the client may already be connected) is not replayed:
     * read {@link #state()} after adding the listener.
     *
     * @param listener receives the events until the registration is closed
     * @return the registration; close it to remove the listener
     * @throws NullPointerException when the listener is null
     */
    public LifecycleListenerRegistration addLifecycleListener(LifecycleListener listener) {
        return Operations.addLifecycleListener(engine, listener);
    }

    /**
     * Unsubscribes.
     *
     * @return completed with the UNSUBACK; exceptionally with {@code UnsubscribeFailedException}
     *     when the server refuses a topic filter
     * @throws IllegalArgumentException when a topic filter is invalid
     */
    public CompletableFuture<UnsubAckPacket> unsubscribe(UnsubscribePacket unsubscribe) {
        return unsubscribe(unsubscribe, null);
    }

    /**
     * Unsubscribes with its own acknowledgement timeout; see {@link #unsubscribe(UnsubscribePacket)}.
     *
     * @param ackTimeout how long the server may take to answer once written, or null for the default
     */
    public CompletableFuture<UnsubAckPacket> unsubscribe(UnsubscribePacket unsubscribe, Duration ackTimeout) {
        return Operations.unsubscribe(engine, Objects.requireNonNull(unsubscribe, "unsubscribe must not be null"), ackTimeout);
    }

    /**
     * Re-authenticates on the current connection with the configured
     * {@code enhancedAuthenticator} (AUTH with reason Re-authenticate, then the mechanism's
     * challenges). Other operations keep flowing meanwhile.
     *
     * @return completed with the server's final AUTH (Success); exceptionally with
     *     {@code AuthenticationException} when the mechanism fails or refuses (the connection is
     *     then closed), or {@link IllegalStateException} without an authenticator, a connection,
     *     or when a re-authentication is already in progress
     */
    public CompletableFuture<AuthPacket> reauthenticate() {
        return engine.reauthenticate();
    }

    /**
     * Closes the current connection with a normal DISCONNECT and connects again at once, without
     * the reconnect delay, keeping the session as the session behaviour allows (rejoined unless it
     * is {@code CLEAN}, or the broker kept none) and every operation: queued ones stay queued
     * whatever the offline-queue behaviour, and unacknowledged QoS 1 and 2 publishes are resent
     * (with DUP in a rejoined session). Use it to make new connection settings take effect now,
     * such as a client certificate rotated under a key manager of the TLS options, so that the old
     * one can be revoked.
     *
     * <p>The lifecycle listener sees a Disconnection, then AttemptingConnect and ConnectionSuccess
     * (or ConnectionFailure; then the client keeps reconnecting with its backoff, and the
     * offline-queue behaviour applies again). While a connection attempt is in progress, it is
     * abandoned and a new one starts; while the client waits to reconnect, it reconnects now.
     * Does nothing when the client is stopped or stopping, or its connection is already closing.
     * Returns at once; the work happens on the client's event loop.
     */
    public void reconnect() {
        engine.reconnect();
    }

    /** A snapshot of the operation queue: incomplete and unacknowledged operations, counts and sizes. */
    public OperationStatistics operationStatistics() {
        return engine.statistics();
    }

    /** Where the client is in its lifecycle. */
    public ClientState state() {
        return engine.state();
    }

    /** The settings of the current connection, or null when not connected. */
    public NegotiatedSettings negotiatedSettings() {
        return engine.negotiatedSettings();
    }

    /**
     * Stops the client (normal DISCONNECT), waits up to 10 seconds for it to stop, and releases
     * its share of the event loop group. The client cannot be started again.
     */
    @Override
    public void close() {
        if (!CLOSED.compareAndSet(this, false, true)) {
            return;
        }
        try {
            stop(null).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception ignored) {
            // Closing anyway: the connection is closed by the stop already requested.
        } finally {
            engine.release();
        }
    }
}
