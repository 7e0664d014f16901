package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.OperationStatistics;
import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.exception.ClientStoppedException;
import dev.mqtt5.client.exception.ConnectionRefusedException;
import dev.mqtt5.client.exception.MqttConnectionException;
import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.exception.ServerDisconnectedException;
import dev.mqtt5.client.internal.codec.InboundAck;
import dev.mqtt5.client.internal.codec.InboundPublish;
import dev.mqtt5.client.internal.codec.OutboundPacket;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.internal.codec.PingResp;
import dev.mqtt5.client.internal.transport.SharedEventLoopGroup;
import dev.mqtt5.client.internal.transport.TransportConnector;
import dev.mqtt5.client.internal.transport.TransportSettings;
import dev.mqtt5.client.lifecycle.NegotiatedSettings;
import dev.mqtt5.client.packet.AuthPacket;
import dev.mqtt5.client.packet.ConnAckPacket;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.DisconnectPacket;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import dev.mqtt5.client.packet.PubRelPacket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection state machine of one client: connect, CONNACK, keep-alive, disconnect,
 * reconnect with backoff, stop. Bound to one event loop; every field is read and written there
 * only, except the volatile snapshots that public getters read. Entry points from other threads
 * hop onto the loop. No locks.
 */
public final class ClientEngine {

    private static final Logger log = LoggerFactory.getLogger(ClientEngine.class);
    private static final TransportConnector CONNECTOR = new TransportConnector();

    private final Mqtt5ClientOptions options;
    private final EventLoop loop;
    private final CallbackDispatcher callbacks;
    private final OperationQueue operations;
    private final InboundPublishes inbound;
    private final ReconnectBackoff backoff;
    private final Submissions submissions;
    private final KeepAlive keepAlive;
    private final ConnectionLog connectionLog;
    /** Null unless enhanced authentication is configured. */
    private final EnhancedAuthFlow auth;

    // Per session (survives reconnects, reset by stop()).
    private boolean connectedOnce;
    private String assignedClientId;

    // Per connection attempt.
    private int generation;
    private Channel channel;
    private CompletableFuture<Channel> transportFuture;
    private ConnectPacket connect;
    private boolean cleanStart;
    private Throwable closeCause;
    private DisconnectPacket serverDisconnect;
    /** The server closed or reset the connection; the client did not close it. */
    private boolean endedByPeer;
    private ConnAckPacket failedConnAck;
    private int attempt;
    private long connectedAtNanos;
    /** The CONNACK timeout while waiting for CONNACK, the reconnect delay while PENDING_RECONNECT; never both. */
    private ScheduledFuture<?> timer;

    // Stop handling.
    private boolean stopRequested;
    /** Created by the first stop: a running client holds none. */
    private List<CompletableFuture<Void>> stopWaiters;

    private volatile ClientState state = ClientState.STOPPED;
    private volatile NegotiatedSettings settings;

    /** Creates an engine on an event loop of the shared group; {@link #release()} gives it back. */
    public static ClientEngine create(Mqtt5ClientOptions options) {
        EventLoop loop = SharedEventLoopGroup.acquire().next();
        try {
            return new ClientEngine(options, loop, new ConnectionLog(options));
        } catch (RuntimeException e) {
            SharedEventLoopGroup.release();
            throw e;
        }
    }

    /** Gives the event loop back to the shared group; call once, after stop. */
    public void release() {
        SharedEventLoopGroup.release();
    }

    ClientEngine(Mqtt5ClientOptions options, EventLoop loop, ConnectionLog connectionLog) {
        this.options = options;
        this.loop = loop;
        this.connectionLog = connectionLog;
        this.callbacks = new CallbackDispatcher(loop, options.callbackExecutor(), options.lifecycleListener(),
                options.publishReceivedListener(), options.manualAckPublishListener());
        this.operations = new OperationQueue(loop, callbacks, options);
        this.submissions = new Submissions(loop, operations);
        ConnectPacket c = options.connectOptions();
        this.inbound = new InboundPublishes(operations, options, connectionLog);
        this.backoff = new ReconnectBackoff(options.reconnectOptions());
        this.auth = options.enhancedAuthenticator() == null ? null
                : new EnhancedAuthFlow(options.enhancedAuthenticator(), callbacks, loop, this);
        this.keepAlive = new KeepAlive(this);
        OperationValidator.connect(options);
        if (options.iotCoreValidation()) {
            IotCoreLimits.clientId(c.clientId());
        }
    }

    // ---- entry points from any thread ------------------------------------------------------

    public ClientState state() {
        return state;
    }

    public NegotiatedSettings negotiatedSettings() {
        return settings;
    }

    public OperationStatistics statistics() {
        return operations.statistics();
    }

    /** The client's options. */
    public Mqtt5ClientOptions options() {
        return options;
    }

    /** Bytes waiting in Netty's outbound buffer for the socket; for backpressure tests. Event loop only. */
    long pendingWriteBytes() {
        return operations.pendingWriteBytes();
    }

    EventLoop eventLoop() {
        return loop;
    }

    OperationQueue operations() {
        return operations;
    }

    /** The handlers registered without subscribing; any thread. */
    StandingRoutes standingRoutes() {
        return inbound.standingRoutes();
    }

    /** When the current connection got its CONNACK; 0 while not connected. */
    long connectedAtNanos() {
        return connectedAtNanos;
    }

    public void start() {
        onLoop(this::doStart);
    }

    /** Stops; the returned future completes after the Stopped event has been queued. */
    public CompletableFuture<Void> stop(DisconnectPacket disconnect) {
        if (disconnect != null) {
            OperationValidator.disconnect(disconnect, options);
        }
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        onLoop(() -> doStop(disconnect, stopped));
        return stopped;
    }

    /**
     * Ends the connection on purpose and connects again at once, keeping every operation (see
     * {@code Mqtt5Client#reconnect}): DISCONNECT (normal) when connected, an attempt in progress is
     * abandoned, a reconnect delay cut short. Nothing while stopped, stopping or already disconnecting.
     */
    public void reconnect() {
        onLoop(() -> {
            switch (stopRequested ? ClientState.STOPPED : state) {
                case STOPPED, CLEAN_DISCONNECT, CHANNEL_SHUTDOWN -> { }
                case PENDING_RECONNECT -> {
                    timer = Timers.cancel(timer);
                    connect();
                }
                default -> {
                    backoff.skipNextDelay();
                    connectionLog.reconnecting();
                    Throwable cause = new MqttConnectionException("the client closed the connection to "
                            + options.hostName() + ":" + options.port() + " to reconnect at once (reconnect())");
                    if (state == ClientState.CONNECTED) {
                        operations.holdForReconnect();
                        disconnectGracefully(DisconnectPacket.normal(), cause);
                    } else if (transportFuture != null) {
                        closeCause = cause; // transportReady() ends the attempt with it
                        transportFuture.cancel(false);
                    } else {
                        closeWith(cause);
                    }
                }
            }
        });
    }

    /** Hands an operation to the event loop; see {@link Submissions}. */
    public <T> CompletableFuture<T> submit(Operation<T> op) {
        return submissions.submit(op);
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    // ---- connecting ------------------------------------------------------------------------

    private void doStart() {
        if (state != ClientState.STOPPED || stopRequested) {
            return;
        }
        attempt = 0;
        backoff.reset();
        connectionLog.starting();
        connect();
    }

    private void connect() {
        timer = null; // the reconnect delay, which just ran out
        int gen = ++generation;
        attempt++;
        state = ClientState.CONNECTING;
        closeCause = null;
        serverDisconnect = null;
        endedByPeer = false;
        failedConnAck = null;
        callbacks.attemptingConnect(attempt);
        TransportSettings transport = new TransportSettings(options.hostName(), options.port(), options.tls(),
                options.webSocket(), options.socketConnectTimeout(), options.tcpNoDelay(), options.httpProxy());
        long maxInbound = options.connectOptions().maximumPacketSize() != null
                ? options.connectOptions().maximumPacketSize() : Negotiation.PROTOCOL_MAXIMUM_PACKET_SIZE;
        transportFuture = CONNECTOR.connect(loop, transport, callbacks.executor(),
                pipeline -> pipeline.addLast("mqtt5-client", new ConnectionHandler(this, gen, maxInbound)));
        transportFuture.whenComplete((ch, error) -> onLoop(() -> transportReady(gen, ch, error)));
    }

    private void transportReady(int gen, Channel ch, Throwable error) {
        if (gen != generation) {
            if (ch != null) {
                ch.close();
            }
            return;
        }
        transportFuture = null; // done: nothing left to cancel, and a connected client need not hold it
        if (error != null) {
            Throwable cause = stopRequested ? stopCause() : closeCause != null ? closeCause : new MqttConnectionException(
                    "could not connect to " + options.hostName() + ":" + options.port() + ": " + Causes.describe(error), error);
            connectionEnded(cause);
            return;
        }
        channel = ch;
        if (stopRequested) {
            closeWith(stopCause());
            return;
        }
        state = ClientState.MQTT_CONNECT;
        cleanStart = switch (options.sessionBehavior()) {
            case CLEAN -> true;
            case REJOIN_POST_SUCCESS -> !connectedOnce;
            case REJOIN_ALWAYS -> false;
        };
        ConnectPacket configured = options.connectOptions();
        connect = assignedClientId != null && configured.clientId().isEmpty()
                ? configured.toBuilder().clientId(assignedClientId).build() : configured;
        if (auth == null) {
            sendConnect(gen);
        } else {
            auth.connectData(connect, gen, withData -> {
                connect = withData;
                sendConnect(gen);
            });
        }
    }

    private void sendConnect(int gen) {
        writeDirect(PacketEncoders.connect(connect, cleanStart));
        timer = loop.schedule(() -> {
            if (gen == generation && state == ClientState.MQTT_CONNECT) {
                closeWith(new MqttConnectionException("no CONNACK from " + options.hostName() + ":" + options.port()
                        + " within " + options.connackTimeout().toMillis() + " ms (connackTimeout)"));
            }
        }, options.connackTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void onConnAck(ConnAckPacket connAck) {
        timer = Timers.cancel(timer);
        if (connAck.reasonCode().isError()) {
            failedConnAck = connAck;
            closeWith(new ConnectionRefusedException(connAck));
            return;
        }
        if (connAck.sessionPresent() && cleanStart) {
            throw MqttProtocolException.protocolError(
                    "CONNACK: Session Present is 1 although the CONNECT asked for a clean start, so the client has no "
                    + "session state (MQTT-3.2.2-4)");
        }
        if (auth != null) {
            auth.verifyConnAck(connAck, generation, channel);
            return;
        }
        connAckAccepted(connAck);
    }

    void connAckAccepted(ConnAckPacket connAck) {
        NegotiatedSettings negotiated = Negotiation.settings(connect, connAck);
        if (connAck.assignedClientIdentifier() != null) {
            assignedClientId = connAck.assignedClientIdentifier();
        }
        connectedOnce = true;
        attempt = 0;
        connectedAtNanos = System.nanoTime();
        settings = negotiated;
        state = ClientState.CONNECTED;
        if (!connAck.sessionPresent()) {
            inbound.clearSession();
        }
        inbound.connected(generation, connAck.sessionPresent());
        connectionLog.connected(negotiated);
        callbacks.connectionSuccess(connAck, negotiated);
        operations.connected(channel, negotiated, connAck.sessionPresent());
        keepAlive.start(negotiated.serverKeepAlive(), connectedAtNanos);
    }

    // ---- inbound ---------------------------------------------------------------------------

    /** A decoded packet of the connection of the given generation. */
    void onPacket(int gen, Object msg) {
        if (gen != generation) {
            return;
        }
        operations.beginReadBurst();
        if (auth != null && auth.defer(msg)) {
            return;
        }
        try {
            if (state == ClientState.MQTT_CONNECT) {
                if (msg instanceof ConnAckPacket connAck) {
                    onConnAck(connAck);
                } else if (msg instanceof AuthPacket challenge) {
                    onAuth(challenge);
                } else {
                    throw MqttProtocolException.protocolError(InboundPacketNames.of(msg) + " received before CONNACK");
                }
            } else if (state == ClientState.CONNECTED || state == ClientState.CLEAN_DISCONNECT) {
                dispatch(msg);
            }
        } catch (MqttProtocolException e) {
            protocolViolation(e);
        }
    }

    private void dispatch(Object msg) {
        if (msg instanceof InboundPublish publish) {
            inbound.onPublish(publish);
        } else if (msg instanceof InboundAck<?> ack) {
            if (ack.packet() instanceof PubRelPacket) {
                inbound.onPubRel(ack.packetId());
            } else {
                AckHandler.onAck(operations, ack);
            }
        } else if (msg instanceof PingResp) {
            keepAlive.pingResponse();
        } else if (msg instanceof DisconnectPacket disconnect) {
            serverDisconnect = disconnect;
            closeWith(new ServerDisconnectedException(disconnect));
        } else if (msg instanceof ConnAckPacket) {
            throw MqttProtocolException.protocolError("a second CONNACK on the same connection");
        } else if (msg instanceof AuthPacket packet) {
            onAuth(packet);
        }
    }

    /** Bytes arrived on the connection of the given generation: the server is alive (keep-alive). */
    void bytesArrived(int gen) {
        if (gen == generation) {
            keepAlive.read();
        }
    }

    /** The end of a read burst: what the packets released is written now, together. */
    void onReadComplete(int gen) {
        if (gen == generation) {
            operations.endReadBurst();
        }
    }

    void onChannelError(int gen, Throwable cause) {
        if (gen != generation) {
            return;
        }
        if (cause instanceof MqttProtocolException e) {
            protocolViolation(e);
        } else {
            endedByPeer = closeCause == null;
            closeWith(new MqttConnectionException("connection to " + options.hostName() + ":" + options.port()
                    + " failed: " + Causes.describe(cause), cause));
        }
    }

    void onChannelClosed(int gen) {
        if (gen != generation) {
            return;
        }
        endedByPeer |= closeCause == null;
        Throwable cause = closeCause != null ? closeCause : new MqttConnectionException(
                "connection to " + options.hostName() + ":" + options.port() + " closed by the server");
        connectionEnded(cause);
    }

    /** Tells the server what was wrong (DISCONNECT with the reason code and string), then closes. */
    private void protocolViolation(MqttProtocolException e) {
        disconnectWith(e.reasonCode(), e.getMessage(), e);
    }

    /** Sends DISCONNECT with the reason (dropping the reason string if it does not fit), then closes. */
    void disconnectWith(DisconnectReasonCode reasonCode, String reasonString, Throwable cause) {
        if (channel != null && closeCause == null) {
            long max = settings != null ? settings.maximumPacketSizeToServer() : Negotiation.PROTOCOL_MAXIMUM_PACKET_SIZE;
            OutboundPacket disconnect = PacketEncoders.disconnect(DisconnectPacket.of(reasonCode, reasonString), max);
            if (disconnect != null) {
                writeDirect(disconnect);
            }
        }
        closeWith(cause);
    }

    // ---- enhanced authentication -------------------------------------------------------------

    /** Starts a re-authentication; the future completes with the server's final AUTH. */
    public CompletableFuture<AuthPacket> reauthenticate() {
        CompletableFuture<AuthPacket> done = new CompletableFuture<>();
        onLoop(() -> EnhancedAuthFlow.reauthenticate(auth, callbacks, state, generation, done));
        return done;
    }

    private void onAuth(AuthPacket packet) {
        EnhancedAuthFlow.received(auth, packet, generation, state == ClientState.MQTT_CONNECT);
    }

    int generation() {
        return generation;
    }

    // ---- ending a connection ---------------------------------------------------------------

    /** Closes the connection; the first cause given is the one the connection ends with. */
    void closeWith(Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        if (channel != null) {
            if (state != ClientState.CLEAN_DISCONNECT) {
                state = ClientState.CHANNEL_SHUTDOWN;
            }
            channel.close();
        }
    }

    /** Runs exactly once per connection attempt, however it ended. */
    private void connectionEnded(Throwable cause) {
        connectionLog.ended(cause, stopRequested);
        ClientState was = state;
        generation++;
        timer = Timers.cancel(timer);
        keepAlive.stop();
        if (auth != null) {
            auth.connectionEnded(cause);
        }
        channel = null;
        transportFuture = null;
        settings = null;
        boolean wasConnected = connectedAtNanos != 0;
        boolean refusal = wasConnected && !stopRequested && PoisonOperations.mayBeRefusal(serverDisconnect, endedByPeer);
        Throwable refused = operations.disconnected(cause, refusal ? options.poisonOperationLimit() : 0);
        if (refused != null) {
            connectionLog.operationRefused(refused);
        }
        if (wasConnected) {
            backoff.connectionEnded(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectedAtNanos));
            connectedAtNanos = 0;
            DisconnectPacket received = serverDisconnect;
            callbacks.disconnection(cause, received);
        } else {
            ConnAckPacket connAck = failedConnAck;
            callbacks.connectionFailure(cause, connAck);
        }
        if (stopRequested) {
            finishStop();
            return;
        }
        state = ClientState.PENDING_RECONNECT;
        long delay = backoff.nextDelayMillis();
        log.debug("reconnecting to {}:{} in {} ms after: {} (was {})", options.hostName(), options.port(), delay,
                cause.getMessage(), was);
        timer = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    // ---- stopping --------------------------------------------------------------------------

    private void doStop(DisconnectPacket disconnect, CompletableFuture<Void> stopped) {
        if (state == ClientState.STOPPED && !stopRequested) {
            stopped.complete(null);
            return;
        }
        if (stopWaiters == null) {
            stopWaiters = new ArrayList<>(1);
        }
        stopWaiters.add(stopped);
        if (stopRequested) {
            return;
        }
        stopRequested = true;
        switch (state) {
            case PENDING_RECONNECT -> {
                timer = Timers.cancel(timer);
                finishStop();
            }
            case CONNECTED -> disconnectGracefully(disconnect != null ? disconnect : DisconnectPacket.normal(), stopCause());
            case CONNECTING -> {
                if (transportFuture != null) {
                    transportFuture.cancel(false);
                }
            }
            default -> closeWith(stopCause());
        }
    }

    /** Sends the DISCONNECT, and closes the connection once it is written. */
    private void disconnectGracefully(DisconnectPacket disconnect, Throwable cause) {
        state = ClientState.CLEAN_DISCONNECT;
        closeCause = cause;
        OutboundPacket packet = PacketEncoders.disconnect(disconnect, settings.maximumPacketSizeToServer());
        Channel ch = channel;
        if (packet != null) {
            writeDirect(packet).addListener((ChannelFutureListener) f -> ch.close());
        } else {
            ch.close();
        }
    }

    private Throwable stopCause() {
        return new ClientStoppedException("the client was stopped");
    }

    private void finishStop() {
        // REJOIN_ALWAYS rejoins on the next start: the client keeps its session state for it (MQTT-3.2.2-4).
        boolean keepSession = options.sessionBehavior() == SessionBehavior.REJOIN_ALWAYS;
        operations.stopped(new ClientStoppedException("the operation did not complete: the client was stopped"),
                keepSession);
        if (!keepSession) {
            inbound.clearSession();
        }
        connectedOnce = false;
        assignedClientId = null;
        stopRequested = false;
        state = ClientState.STOPPED;
        connectionLog.stopped();
        callbacks.stopped();
        if (stopWaiters != null) {
            for (CompletableFuture<Void> waiter : stopWaiters) {
                callbacks.afterEvents(() -> waiter.complete(null));
            }
            stopWaiters = null;
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Writes a packet at once, ahead of the operation queue: CONNECT, AUTH before CONNACK, DISCONNECT. */
    io.netty.channel.ChannelFuture writeDirect(OutboundPacket packet) {
        ByteBuf buf = channel.alloc().ioBuffer(packet.encodedSize());
        packet.writeTo(buf, 0, false);
        return channel.writeAndFlush(buf);
    }
}
