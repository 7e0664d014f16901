package dev.mqtt5.client.internal.transport;

import dev.mqtt5.client.config.TlsOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * Opens the byte transport under MQTT: TCP, TLS, WebSocket or WebSocket over TLS, and returns a
 * channel whose pipeline reads and writes plain MQTT bytes.
 *
 * <p>Thread-safe; one instance may serve many clients. The TLS context built from a
 * {@link TlsOptions} instance is created once and reused for later connections.
 */
public final class TransportConnector {


    private final Map<TlsOptions, TlsHandlerFactory> tlsFactories = new ConcurrentHashMap<>();
    private final SocketTransport transport;

    /** A connector for the transport of this JVM (see {@link SocketTransport}), which the shared event loops run. */
    public TransportConnector() {
        this(SocketTransport.current());
    }

    /** A connector for the given transport; the event loops passed to {@link #connect} must run it. */
    TransportConnector(SocketTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Connects to {@code settings.host():settings.port()} on {@code loop}, secures and upgrades the
     * connection as configured, then calls {@code mqttHandlers} on the event loop to append the
     * MQTT handlers, and only then completes the future with the channel.
     *
     * <p>The future completes on the event loop. It fails with a {@link TransportException} whose
     * message names the failed step and the address (connect refused or timed out, TLS handshake or
     * host name verification, WebSocket upgrade refused with an HTTP status, a failing handshake
     * transformer), and the channel is then closed. Cancelling the future closes the channel.
     *
     * @param loop the event loop the channel is bound to
     * @param settings where and how to connect
     * @param userExecutor runs the WebSocket handshake transformer, never the event loop
     * @param mqttHandlers appends the MQTT handlers to the ready pipeline
     * @return the ready channel
     */
    public CompletableFuture<Channel> connect(EventLoop loop, TransportSettings settings, Executor userExecutor,
            Consumer<ChannelPipeline> mqttHandlers) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(userExecutor, "userExecutor");
        Objects.requireNonNull(mqttHandlers, "mqttHandlers");
        TlsHandlerFactory tls = null;
        if (settings.tls() != null) {
            try {
                tls = tlsFactory(settings.tls());
            } catch (SSLException | RuntimeException e) {
                return CompletableFuture.failedFuture(new TransportException(
                        "TLS settings for " + settings.address() + " are invalid: " + e.getMessage(), e));
            }
        }
        TlsHandlerFactory proxyTls = null;
        if (settings.proxy() != null && settings.proxy().tls().isPresent()) {
            try {
                proxyTls = tlsFactory(settings.proxy().tls().get());
            } catch (SSLException | RuntimeException e) {
                return CompletableFuture.failedFuture(new TransportException("TLS settings for the proxy "
                        + settings.proxy().address() + " (httpProxy tls) are invalid: " + e.getMessage(), e));
            }
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channelFactory(transport.channelFactory())
                // ConnectAttempt times the connect itself (Netty's own timer stays with the channel for its life).
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0)
                .option(ChannelOption.TCP_NODELAY, settings.tcpNoDelay())
                .option(ChannelOption.RCVBUF_ALLOCATOR, ReceiveBuffers.SHARED);
        return new ConnectAttempt(settings, tls, proxyTls, userExecutor, mqttHandlers).start(bootstrap, loop);
    }

    private TlsHandlerFactory tlsFactory(TlsOptions options) throws SSLException {
        TlsHandlerFactory factory = tlsFactories.get(options);
        if (factory == null) {
            factory = TlsHandlerFactory.create(options);
            tlsFactories.putIfAbsent(options, factory);
        }
        return factory;
    }
}
