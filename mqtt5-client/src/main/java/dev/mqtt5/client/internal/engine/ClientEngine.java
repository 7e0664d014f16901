package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.OperationStatistics;
import dev.mqtt5.client.exception.ClientStoppedException;
import dev.mqtt5.client.exception.ConnectionRefusedException;
import dev.mqtt5.client.exception.MqttConnectionException;
import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.exception.ServerDisconnectedException;
import dev.mqtt5.client.internal.codec.InboundAck;
import dev.mqtt5.client.internal.codec.InboundPublish;
import dev.mqtt5.client.internal.codec.Mqtt5Decoder;
import dev.mqtt5.client.internal.codec.OutboundPacket;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.internal.codec.PingResp;
import dev.mqtt5.client.internal.transport.SharedEventLoopGroup;
import dev.mqtt5.client.internal.transport.TransportConnector;
import dev.mqtt5.client.internal.transport.TransportSettings;
import dev.mqtt5.client.lifecycle.AttemptingConnectEvent;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.lifecycle.NegotiatedSettings;
import dev.mqtt5.client.lifecycle.StoppedEvent;
import dev.mqtt5.client.packet.AuthPacket;
import dev.mqtt5.client.packet.ConnAckPacket;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.DisconnectPacket;
import dev.mqtt5.client.packet.PubAckPacket;
import dev.mqtt5.client.packet.PubCompPacket;
import dev.mqtt5.client.packet.PubRecPacket;
import dev.mqtt5.client.packet.PubRelPacket;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.UnsubAckPacket;
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
    private ConnAckPacket failedConnAck;
    private int attempt;
    private long connectedAtNanos;
    private boolean pingOutstanding;
    private ScheduledFuture<?> connAckTimer;
    private ScheduledFuture<?> keepAliveTimer;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> reconnectTimer;

    // Stop handling.
    private boolean stopRequested;
    private DisconnectPacket stopDisconnect;
    private final List<CompletableFuture<Void>> stopWaiters = new ArrayList<>();

    private volatile ClientState state = ClientState.STOPPED;
    private volatile NegotiatedSettings settings;

    /** Creates an engine on an event loop of the shared group; {@link #release()} gives it back. */
    public static ClientEngine create(Mqtt5ClientOptions options) {
        EventLoop loop = SharedEventLoopGroup.acquire().next();
        try {
            return new ClientEngine(options, loop);
        } catch (RuntimeException e) {
            SharedEventLoopGroup.release();
            throw e;
        }
    }

    /** Gives the event loop back to the shared group; call once, after stop. */
    public void release() {
        SharedEventLoopGroup.release();
    }

    ClientEngine(Mqtt5ClientOptions options, EventLoop loop) {
        this.options = options;
        this.loop = loop;
        this.callbacks = new CallbackDispatcher(options.callbackExecutor(), options.lifecycleListener(),
                options.publishReceivedListener());
        this.operations = new OperationQueue(callbacks, options.offlineQueueBehavior());
        ConnectPacket c = options.connectOptions();
        this.inbound = new InboundPublishes(loop, callbacks, operations,
                c.receiveMaximum() != null ? c.receiveMaximum() : 65535,
                c.topicAliasMaximum() != null ? c.topicAliasMaximum() : 0);
        this.backoff = new ReconnectBackoff(options.reconnectOptions());
        OperationValidator.connect(c);
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

    public void start() {
        onLoop(this::doStart);
    }

    /** Stops; the returned future completes after the Stopped event has been queued. */
    public CompletableFuture<Void> stop(DisconnectPacket disconnect) {
        if (disconnect != null) {
            OperationValidator.disconnect(disconnect, options.connectOptions());
        }
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        onLoop(() -> doStop(disconnect, stopped));
        return stopped;
    }

    public <T> CompletableFuture<T> submit(Operation<T> op) {
        onLoop(() -> operations.submit(op));
        return op.future;
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
        connect();
    }

    private void connect() {
        reconnectTimer = null;
        int gen = ++generation;
        attempt++;
        state = ClientState.CONNECTING;
        closeCause = null;
        serverDisconnect = null;
        failedConnAck = null;
        int attemptNumber = attempt;
        callbacks.lifecycle(l -> l.onAttemptingConnect(new AttemptingConnectEvent(attemptNumber)));
        TransportSettings transport = new TransportSettings(options.hostName(), options.port(), options.tls(),
                options.webSocket(), options.socketConnectTimeout(), options.tcpNoDelay(), options.httpProxy());
        long maxInbound = options.connectOptions().maximumPacketSize() != null
                ? options.connectOptions().maximumPacketSize() : Negotiation.PROTOCOL_MAXIMUM_PACKET_SIZE;
        transportFuture = CONNECTOR.connect(loop, transport, callbacks.executor(), pipeline -> pipeline
                .addLast("mqtt5-decoder", new Mqtt5Decoder(maxInbound))
                .addLast("mqtt5-client", new ConnectionHandler(this, gen)));
        transportFuture.whenComplete((ch, error) -> onLoop(() -> transportReady(gen, ch, error)));
    }

    private void transportReady(int gen, Channel ch, Throwable error) {
        if (gen != generation) {
            if (ch != null) {
                ch.close();
            }
            return;
        }
        if (error != null) {
            Throwable cause = stopRequested ? stopCause() : new MqttConnectionException(
                    "could not connect to " + options.hostName() + ":" + options.port() + ": " + message(error), error);
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
        writeDirect(PacketEncoders.connect(connect, cleanStart));
        connAckTimer = loop.schedule(() -> {
            if (gen == generation && state == ClientState.MQTT_CONNECT) {
                closeWith(new MqttConnectionException("no CONNACK from " + options.hostName() + ":" + options.port()
                        + " within " + options.connackTimeout().toMillis() + " ms (connackTimeout)"));
            }
        }, options.connackTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void onConnAck(ConnAckPacket connAck) {
        cancel(connAckTimer);
        if (connAck.reasonCode().isError()) {
            failedConnAck = connAck;
            closeWith(new ConnectionRefusedException(connAck));
            return;
        }
        if (connAck.sessionPresent() && cleanStart) {
            throw MqttProtocolException.protocolError(
                    "CONNACK: Session Present is 1 although the CONNECT asked for a clean start (MQTT-3.2.2-2)");
        }
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
        callbacks.lifecycle(l -> l.onConnectionSuccess(new ConnectionSuccessEvent(connAck, negotiated)));
        operations.connected(channel, negotiated, connAck.sessionPresent());
        scheduleKeepAlive();
    }

    // ---- inbound ---------------------------------------------------------------------------

    void onPacket(int gen, Object msg) {
        if (gen != generation) {
            return;
        }
        try {
            if (state == ClientState.MQTT_CONNECT) {
                if (msg instanceof ConnAckPacket connAck) {
                    onConnAck(connAck);
                } else {
                    throw MqttProtocolException.protocolError(name(msg) + " received before CONNACK");
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
            int id = ack.packetId();
            Object packet = ack.packet();
            if (packet instanceof PubAckPacket p) {
                operations.onPubAck(id, p);
            } else if (packet instanceof PubRecPacket p) {
                operations.onPubRec(id, p);
            } else if (packet instanceof PubCompPacket p) {
                operations.onPubComp(id, p);
            } else if (packet instanceof PubRelPacket) {
                inbound.onPubRel(id);
            } else if (packet instanceof SubAckPacket p) {
                operations.onSubAck(id, p);
            } else if (packet instanceof UnsubAckPacket p) {
                operations.onUnsubAck(id, p);
            }
        } else if (msg instanceof PingResp) {
            pingOutstanding = false;
            cancel(pingTimer);
        } else if (msg instanceof DisconnectPacket disconnect) {
            serverDisconnect = disconnect;
            closeWith(new ServerDisconnectedException(disconnect));
        } else if (msg instanceof ConnAckPacket) {
            throw MqttProtocolException.protocolError("a second CONNACK on the same connection");
        } else if (msg instanceof AuthPacket) {
            throw MqttProtocolException.protocolError("AUTH received, but the client did not ask for enhanced "
                    + "authentication (no authentication method in CONNECT)");
        }
    }

    void onChannelError(int gen, Throwable cause) {
        if (gen != generation) {
            return;
        }
        if (cause instanceof MqttProtocolException e) {
            protocolViolation(e);
        } else {
            closeWith(new MqttConnectionException("connection to " + options.hostName() + ":" + options.port()
                    + " failed: " + message(cause), cause));
        }
    }

    void onChannelClosed(int gen) {
        if (gen != generation) {
            return;
        }
        Throwable cause = closeCause != null ? closeCause : new MqttConnectionException(
                "connection to " + options.hostName() + ":" + options.port() + " closed by the server");
        connectionEnded(cause);
    }

    /** Tells the server what was wrong (DISCONNECT with the reason code and string), then closes. */
    private void protocolViolation(MqttProtocolException e) {
        log.warn("MQTT protocol violation by {}:{}: {}", options.hostName(), options.port(), e.getMessage());
        if (channel != null && closeCause == null) {
            long max = settings != null ? settings.maximumPacketSizeToServer() : Negotiation.PROTOCOL_MAXIMUM_PACKET_SIZE;
            OutboundPacket disconnect = PacketEncoders.disconnect(DisconnectPacket.of(e.reasonCode(), e.getMessage()), max);
            if (disconnect != null) {
                writeDirect(disconnect);
            }
        }
        closeWith(e);
    }

    // ---- keep-alive ------------------------------------------------------------------------

    private void scheduleKeepAlive() {
        long keepAliveNanos = settings.serverKeepAlive().toNanos();
        if (keepAliveNanos <= 0) {
            return;
        }
        int gen = generation;
        long due = Math.max(operations.lastWriteNanos(), connectedAtNanos) + keepAliveNanos - System.nanoTime();
        keepAliveTimer = loop.schedule(() -> keepAliveDue(gen), Math.max(0, due), TimeUnit.NANOSECONDS);
    }

    private void keepAliveDue(int gen) {
        if (gen != generation || state != ClientState.CONNECTED) {
            return;
        }
        long keepAliveNanos = settings.serverKeepAlive().toNanos();
        long idle = System.nanoTime() - Math.max(operations.lastWriteNanos(), connectedAtNanos);
        if (idle >= keepAliveNanos && !pingOutstanding) {
            pingOutstanding = true;
            operations.sendControl(PacketEncoders.PINGREQ, 0);
            long timeout = Math.min(options.pingTimeout().toNanos(), keepAliveNanos / 2);
            pingTimer = loop.schedule(() -> {
                if (gen == generation && pingOutstanding) {
                    closeWith(new MqttConnectionException("no PINGRESP from " + options.hostName() + ":"
                            + options.port() + " within " + TimeUnit.NANOSECONDS.toMillis(timeout)
                            + " ms (pingTimeout, capped at half the keep-alive)"));
                }
            }, timeout, TimeUnit.NANOSECONDS);
        }
        scheduleKeepAlive();
    }

    // ---- ending a connection ---------------------------------------------------------------

    private void closeWith(Throwable cause) {
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
        ClientState was = state;
        generation++;
        cancel(connAckTimer);
        cancel(keepAliveTimer);
        cancel(pingTimer);
        pingOutstanding = false;
        channel = null;
        transportFuture = null;
        settings = null;
        operations.disconnected(cause);
        boolean wasConnected = connectedAtNanos != 0;
        if (wasConnected) {
            backoff.connectionEnded(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectedAtNanos));
            connectedAtNanos = 0;
            DisconnectPacket received = serverDisconnect;
            callbacks.lifecycle(l -> l.onDisconnection(new DisconnectionEvent(cause, received)));
        } else {
            ConnAckPacket connAck = failedConnAck;
            callbacks.lifecycle(l -> l.onConnectionFailure(new ConnectionFailureEvent(cause, connAck)));
        }
        if (stopRequested) {
            finishStop();
            return;
        }
        state = ClientState.PENDING_RECONNECT;
        long delay = backoff.nextDelayMillis();
        log.debug("reconnecting to {}:{} in {} ms after: {} (was {})", options.hostName(), options.port(), delay,
                cause.getMessage(), was);
        reconnectTimer = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    // ---- stopping --------------------------------------------------------------------------

    private void doStop(DisconnectPacket disconnect, CompletableFuture<Void> stopped) {
        if (state == ClientState.STOPPED && !stopRequested) {
            stopped.complete(null);
            return;
        }
        stopWaiters.add(stopped);
        if (stopRequested) {
            return;
        }
        stopRequested = true;
        stopDisconnect = disconnect != null ? disconnect : DisconnectPacket.normal();
        switch (state) {
            case PENDING_RECONNECT -> {
                cancel(reconnectTimer);
                finishStop();
            }
            case CONNECTED -> {
                state = ClientState.CLEAN_DISCONNECT;
                closeCause = stopCause();
                OutboundPacket packet = PacketEncoders.disconnect(stopDisconnect, settings.maximumPacketSizeToServer());
                Channel ch = channel;
                if (packet != null) {
                    writeDirect(packet).addListener((ChannelFutureListener) f -> ch.close());
                } else {
                    ch.close();
                }
            }
            case CONNECTING -> {
                if (transportFuture != null) {
                    transportFuture.cancel(false);
                }
            }
            default -> closeWith(stopCause());
        }
    }

    private Throwable stopCause() {
        return new ClientStoppedException("the client was stopped");
    }

    private void finishStop() {
        operations.stopped(new ClientStoppedException("the operation did not complete: the client was stopped"));
        inbound.clearSession();
        connectedOnce = false;
        assignedClientId = null;
        stopRequested = false;
        state = ClientState.STOPPED;
        callbacks.lifecycle(l -> l.onStopped(new StoppedEvent()));
        for (CompletableFuture<Void> waiter : stopWaiters) {
            callbacks.lifecycle(l -> waiter.complete(null));
        }
        stopWaiters.clear();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private io.netty.channel.ChannelFuture writeDirect(OutboundPacket packet) {
        ByteBuf buf = channel.alloc().ioBuffer(packet.encodedSize());
        packet.writeTo(buf, 0, false);
        return channel.writeAndFlush(buf);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static String name(Object msg) {
        if (msg instanceof InboundPublish) {
            return "PUBLISH";
        }
        if (msg instanceof InboundAck<?> ack) {
            return ack.packet().getClass().getSimpleName().replace("Packet", "").toUpperCase(java.util.Locale.ROOT);
        }
        return msg.getClass().getSimpleName().replace("Packet", "").toUpperCase(java.util.Locale.ROOT);
    }
}
