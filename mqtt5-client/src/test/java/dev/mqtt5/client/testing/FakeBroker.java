package dev.mqtt5.client.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scriptable MQTT 5 server for engine tests, on a free loopback port, built on netty-codec-mqtt
 * (an implementation independent of ours). It records every packet the client sends, answers
 * CONNECT as scripted (success by default) and auto-replies PINGREQ, SUBSCRIBE, UNSUBSCRIBE,
 * PUBLISH (QoS 1 and 2), PUBREC and PUBREL until told otherwise.
 *
 * <pre>{@code
 * try (FakeBroker broker = new FakeBroker()) {
 *     broker.onConnect((index, connect) -> index == 0 ? BrokerReplies.connAck().reasonCode(0x87).build()
 *                                                     : BrokerReplies.connAck().receiveMaximum(2).build());
 *     broker.noReply(MqttMessageType.PINGREQ);               // to test the ping timeout
 *     ... start a client on broker.host(), broker.port() ...
 *     MqttConnectMessage connect = broker.awaitConnect(Duration.ofSeconds(5));
 *     broker.send(BrokerReplies.disconnect(0x8E, "session taken over"));
 * }
 * }</pre>
 *
 * <p>Thread-safe: scripts may be changed from the test thread at any time. Scripts run on the
 * broker's own event loop; a script returning {@code null} sends nothing. Received PUBLISH
 * payloads are copied to heap buffers, so tests need not release them.
 */
public final class FakeBroker implements AutoCloseable {

    /**
     * Chooses the reply to a CONNECT.
     */
    @FunctionalInterface
    public interface ConnectScript {
        /**
         * @param connectionIndex 0 for the first connection the broker accepted, 1 for the next...
         * @param connect the CONNECT received
         * @return the CONNACK (or any packet) to send, or {@code null} to never answer
         */
        MqttMessage reply(int connectionIndex, MqttConnectMessage connect);
    }

    private static final int MAX_PACKET_SIZE = 268_435_455;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final Object lock = new Object();
    private final List<FakeConnection> connections = new ArrayList<>();
    private final List<MqttMessage> received = new ArrayList<>();
    private final Map<MqttMessageType, Integer> awaited = new EnumMap<>(MqttMessageType.class);
    private final Map<MqttMessageType, Function<MqttMessage, MqttMessage>> replies = new ConcurrentHashMap<>();
    private volatile ConnectScript connectScript = (index, connect) -> BrokerReplies.connAck().build();

    /** Starts the broker on a free port of 127.0.0.1. */
    /**
     * A reply that closes the connection without sending anything, as a broker does that drops a
     * client for a packet it refuses: {@code broker.reply(PUBLISH, m -> isBad(m) ? FakeBroker.CLOSE : ack(m))}.
     */
    public static final MqttMessage CLOSE = new MqttMessage(null);

    public FakeBroker() {
        for (MqttMessageType type : List.of(MqttMessageType.PINGREQ, MqttMessageType.SUBSCRIBE,
                MqttMessageType.UNSUBSCRIBE, MqttMessageType.PUBLISH, MqttMessageType.PUBREC, MqttMessageType.PUBREL)) {
            replies.put(type, BrokerReplies::defaultReply);
        }
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new MqttDecoder(MAX_PACKET_SIZE), MqttEncoder.INSTANCE,
                                new ConnectionHandler(accepted(ch)));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .syncUninterruptibly()
                .channel();
    }

    /** @return {@code 127.0.0.1} */
    public String host() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    /** @return the port the broker listens on */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Scripts the reply to every later CONNECT, replacing the default (CONNACK success, session
     * present false). Use {@link BrokerReplies#connAck()} to build replies.
     *
     * @param script chooses the reply per connection
     */
    public void onConnect(ConnectScript script) {
        this.connectScript = script;
    }

    /**
     * Replies to packets of {@code type} with {@code reply} instead of the default.
     *
     * @param type the received packet type, e.g. {@link MqttMessageType#PUBLISH}
     * @param reply returns the packet to send, or {@code null} for none
     */
    public void reply(MqttMessageType type, Function<MqttMessage, MqttMessage> reply) {
        replies.put(type, reply);
    }

    /**
     * Stops replying to packets of {@code type} (e.g. PINGREQ, to test the ping timeout).
     *
     * @param type the received packet type
     */
    public void noReply(MqttMessageType type) {
        replies.remove(type);
    }

    /**
     * Restores the default automatic reply to packets of {@code type}.
     *
     * @param type the received packet type
     */
    public void defaultReply(MqttMessageType type) {
        replies.put(type, BrokerReplies::defaultReply);
    }

    /** @return the number of TCP connections accepted so far */
    public int connectionCount() {
        synchronized (lock) {
            return connections.size();
        }
    }

    /**
     * Waits until at least {@code count} connections have been accepted.
     *
     * @param count the number of connections
     * @param timeout how long to wait
     * @throws AssertionError on timeout
     */
    public void awaitConnections(int count, Duration timeout) {
        awaitCondition(() -> connections.size() >= count, timeout,
                () -> "expected " + count + " connections, got " + connections.size());
    }

    /**
     * Returns the latest connection.
     *
     * @return the latest connection
     * @throws AssertionError if no client connected yet
     */
    public FakeConnection connection() {
        synchronized (lock) {
            if (connections.isEmpty()) {
                throw new AssertionError("no client connected to the fake broker");
            }
            return connections.get(connections.size() - 1);
        }
    }

    /** @return every connection accepted so far, in order */
    public List<FakeConnection> connections() {
        synchronized (lock) {
            return List.copyOf(connections);
        }
    }

    /** @return every packet received so far on any connection, in order */
    public List<MqttMessage> received() {
        synchronized (lock) {
            return List.copyOf(received);
        }
    }

    /**
     * Returns the next packet of {@code type} not yet returned by this method, waiting for it: two
     * calls with PUBLISH return the first and second PUBLISH received (on any connection).
     *
     * @param type the packet type
     * @param timeout how long to wait
     * @return the packet
     * @throws AssertionError on timeout, listing what was received
     */
    public MqttMessage awaitPacket(MqttMessageType type, Duration timeout) {
        synchronized (lock) {
            int skip = awaited.getOrDefault(type, 0);
            awaitCondition(() -> ofType(type).size() > skip, timeout,
                    () -> "no " + type + " #" + (skip + 1) + " received; received: " + summary());
            awaited.put(type, skip + 1);
            return ofType(type).get(skip);
        }
    }

    /**
     * Returns the next CONNECT not yet returned, waiting for it.
     *
     * @param timeout how long to wait
     * @return the CONNECT
     */
    public MqttConnectMessage awaitConnect(Duration timeout) {
        return (MqttConnectMessage) awaitPacket(MqttMessageType.CONNECT, timeout);
    }

    /** @param message sent on the latest connection, see {@link FakeConnection#send(MqttMessage)} */
    public void send(MqttMessage message) {
        connection().send(message);
    }

    /** @param bytes sent unencoded on the latest connection, see {@link FakeConnection#sendRaw(byte[])} */
    public void sendRaw(byte[] bytes) {
        connection().sendRaw(bytes);
    }

    /** Closes the latest connection abruptly, without a DISCONNECT. */
    public void dropConnection() {
        connection().drop();
    }

    /** Closes every connection and the server, and stops its thread. */
    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connections().forEach(FakeConnection::drop);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private FakeConnection accepted(Channel channel) {
        synchronized (lock) {
            FakeConnection connection = new FakeConnection(connections.size(), channel);
            connections.add(connection);
            lock.notifyAll();
            return connection;
        }
    }

    private void record(FakeConnection connection, MqttMessage message) {
        synchronized (lock) {
            connection.record(message);
            received.add(message);
            lock.notifyAll();
        }
    }

    private List<MqttMessage> ofType(MqttMessageType type) {
        return received.stream().filter(m -> m.fixedHeader() != null && m.fixedHeader().messageType() == type).toList();
    }

    private String summary() {
        return received.stream().map(m -> m.fixedHeader() == null ? "MALFORMED" : m.fixedHeader().messageType().name())
                .toList().toString();
    }

    private void awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout,
            java.util.function.Supplier<String> failure) {
        synchronized (lock) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.getAsBoolean()) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    throw new AssertionError(failure.get());
                }
                try {
                    lock.wait(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Records and answers the packets of one connection, on the broker's event loop. */
    private final class ConnectionHandler extends SimpleChannelInboundHandler<MqttMessage> {

        private final FakeConnection connection;

        ConnectionHandler(FakeConnection connection) {
            this.connection = connection;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
            MqttMessage copy = message instanceof MqttPublishMessage publish
                    ? publish.replace(Unpooled.copiedBuffer(publish.content())) : message;
            record(connection, copy);
            if (copy.decoderResult().isFailure()) {
                // A real broker closes the connection on a malformed packet; so do we.
                ctx.close();
                return;
            }
            MqttMessageType type = copy.fixedHeader().messageType();
            MqttMessage reply;
            if (type == MqttMessageType.CONNECT) {
                reply = connectScript.reply(connection.index(), (MqttConnectMessage) copy);
            } else {
                Function<MqttMessage, MqttMessage> script = replies.get(type);
                reply = script == null ? null : script.apply(copy);
            }
            if (reply == CLOSE) {
                ctx.close();
            } else if (reply != null) {
                ctx.writeAndFlush(reply);
            }
        }
    }
}
