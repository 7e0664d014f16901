package dev.mqtt5.client.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Connects through {@link TransportConnector} on the shared event loop group and exchanges CONNECT/CONNACK. */
abstract class TransportTestSupport {

    static EventLoopGroup group;
    static ExecutorService userExecutor;

    final TransportConnector connector = new TransportConnector();

    static void startLoops() {
        group = SharedEventLoopGroup.acquire();
        userExecutor = Executors.newSingleThreadExecutor(r -> new Thread(r, "user-callbacks"));
    }

    static void stopLoops() {
        SharedEventLoopGroup.release();
        userExecutor.shutdownNow();
    }

    /** Connects, sends CONNECT and returns the CONNACK reason code; the channel is closed afterwards. */
    int connAckReasonCode(TransportSettings settings) throws Exception {
        RawMqtt.FirstPacket reader = new RawMqtt.FirstPacket();
        Channel channel = connect(settings, reader).get(15, TimeUnit.SECONDS);
        try {
            return RawMqtt.connAckReasonCode(channel, reader);
        } finally {
            channel.close().sync();
        }
    }

    CompletableFuture<Channel> connect(TransportSettings settings, RawMqtt.FirstPacket reader) {
        return connector.connect(group.next(), settings, userExecutor, pipeline -> pipeline.addLast(reader));
    }

    /** Returns the failure of a connect attempt that must fail. */
    Throwable connectFailure(TransportSettings settings) throws Exception {
        try {
            Channel channel = connect(settings, new RawMqtt.FirstPacket()).get(15, TimeUnit.SECONDS);
            channel.close();
            throw new AssertionError("connect to " + settings.address() + " succeeded, expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
