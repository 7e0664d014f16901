package dev.mqtt5.client.internal.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connection attempt, step by step on the channel's event loop: TCP connect, TLS handshake,
 * WebSocket upgrade, then the MQTT handlers. A guard handler at the end of the pipeline turns
 * errors and early closes during setup into a failed result; any failure closes the channel.
 */
final class ConnectAttempt {

    private static final String SETUP_GUARD = "transport-setup-guard";

    private final TransportSettings settings;
    private final TlsHandlerFactory tls;
    private final TlsHandlerFactory proxyTls;
    private InetSocketAddress proxyAddress;
    private ProxyHandler proxyHandler;
    private final Executor userExecutor;
    private final Consumer<ChannelPipeline> mqttHandlers;
    private final CompletableFuture<Channel> result = new CompletableFuture<>();
    private Channel channel;
    private String step = "DNS lookup";

    ConnectAttempt(TransportSettings settings, TlsHandlerFactory tls, TlsHandlerFactory proxyTls,
            Executor userExecutor, Consumer<ChannelPipeline> mqttHandlers) {
        this.settings = settings;
        this.tls = tls;
        this.proxyTls = proxyTls;
        this.userExecutor = userExecutor;
        this.mqttHandlers = mqttHandlers;
    }

    /**
     * Resolves the host name on the user executor (a DNS lookup blocks, and the event loop is
     * shared by every client), then connects on the event loop.
     */
    CompletableFuture<Channel> start(Bootstrap bootstrap, EventLoop loop) {
        result.whenComplete((ignored, error) -> {
            if (error != null && channel != null) {
                channel.close();
            }
        });
        step = "DNS lookup";
        byte[] literal = settings.proxy() == null ? NetUtil.createByteArrayFromIpAddressString(settings.host()) : null;
        if (literal != null) {
            // An IP address needs no lookup: connect at once, without a trip through the executor.
            try {
                InetSocketAddress address = new InetSocketAddress(InetAddress.getByAddress(settings.host(), literal),
                        settings.port());
                if (loop.inEventLoop()) {
                    connect(bootstrap, loop, address);
                } else {
                    loop.execute(() -> {
                        if (!result.isDone()) {
                            connect(bootstrap, loop, address);
                        }
                    });
                }
            } catch (UnknownHostException e) {
                fail("Resolving " + settings.host() + " failed: " + describe(e), e);
            }
            return result;
        }
        CompletableFuture.supplyAsync(this::resolve, userExecutor).whenComplete((address, error) -> loop.execute(() -> {
            if (result.isDone()) {
                return;
            }
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                String name = settings.proxy() != null ? "the " + ProxyTunnel.describe(settings.proxy()) : settings.host();
                fail("Resolving " + name + " failed: " + describe(cause), cause);
            } else {
                connect(bootstrap, loop, address);
            }
        }));
        return result;
    }

    private InetSocketAddress resolve() {
        try {
            if (settings.proxy() != null) {
                // The proxy resolves the broker's name; only the proxy's own address is looked up here.
                proxyAddress = ProxyTunnel.resolveProxy(settings.proxy());
                return InetSocketAddress.createUnresolved(settings.host(), settings.port());
            }
            return new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port());
        } catch (UnknownHostException e) {
            throw new CompletionException(e);
        }
    }

    private void connect(Bootstrap bootstrap, EventLoop loop, InetSocketAddress address) {
        step = "connect";
        if (settings.proxy() != null) {
            bootstrap.resolver(NoopAddressResolverGroup.INSTANCE);
        }
        var connectFuture = bootstrap.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(SETUP_GUARD, new SetupGuard());
                if (settings.proxy() != null) {
                    proxyHandler = ProxyTunnel.install(ch, settings.proxy(), proxyAddress, proxyTls);
                }
            }
        }).connect(address);
        channel = connectFuture.channel();
        if (result.isDone()) {
            channel.close();
            return;
        }
        ScheduledFuture<?> timeout = connectTimeout(loop, connectFuture, settings.proxy() != null ? proxyAddress : address);
        connectFuture.addListener(f -> {
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (!f.isSuccess()) {
                connectFailed(f.cause());
            } else if (proxyHandler != null) {
                awaitTunnel();
            } else {
                onConnected();
            }
        });
    }

    /**
     * Fails the attempt when the TCP connect takes longer than the connect timeout, as Netty's
     * CONNECT_TIMEOUT_MILLIS would, with its message; unlike Netty's, this timer is not held by
     * the channel for its whole life once the connect is done. Failing the attempt closes the channel.
     */
    private ScheduledFuture<?> connectTimeout(EventLoop loop, ChannelFuture connectFuture, InetSocketAddress remote) {
        long millis = Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
        if (millis <= 0 || connectFuture.isDone()) {
            return null;
        }
        return loop.schedule(() -> {
            if (!connectFuture.isDone()) {
                connectFailed(new ConnectTimeoutException("connection timed out after " + millis + " ms: " + remote));
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    private void connectFailed(Throwable cause) {
        fail("Connecting to " + (settings.proxy() != null ? "the " + ProxyTunnel.describe(settings.proxy())
                : settings.address()) + " failed: " + describe(cause), cause);
    }

    private void awaitTunnel() {
        step = "proxy tunnel";
        proxyHandler.connectFuture().addListener(f -> {
            if (f.isSuccess()) {
                onConnected();
            } else {
                fail(stepFailure(f.cause()), f.cause());
            }
        });
    }

    private void onConnected() {
        if (result.isDone()) {
            return;
        }
        if (tls == null) {
            afterTls();
            return;
        }
        step = "TLS handshake";
        SslHandler sslHandler = tls.newHandler(channel.alloc(), settings.host(), settings.port());
        if (proxyHandler != null) {
            channel.pipeline().addAfter(ProxyTunnel.HANDLER, "tls", sslHandler);
        } else {
            channel.pipeline().addFirst("tls", sslHandler);
        }
        sslHandler.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                afterTls();
            } else {
                fail(stepFailure(f.cause()), f.cause());
            }
        });
    }

    private void afterTls() {
        if (result.isDone()) {
            return;
        }
        if (settings.webSocket() == null) {
            ready();
            return;
        }
        step = "WebSocket upgrade";
        WebSocketUpgrade.start(channel, settings, userExecutor, SETUP_GUARD).whenComplete((ignored, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                ready();
            }
        });
    }

    private void ready() {
        if (result.isDone()) {
            return;
        }
        if (!channel.isActive()) {
            fail("Connection to " + settings.address() + " closed before it was ready", null);
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.remove(SETUP_GUARD);
        try {
            mqttHandlers.accept(pipeline);
        } catch (RuntimeException e) {
            fail("Installing the MQTT handlers on " + settings.address() + " failed: " + e, e);
            return;
        }
        if (!result.complete(channel)) {
            channel.close();
        }
    }

    private String stepFailure(Throwable cause) {
        return switch (step) {
            case "proxy tunnel" -> "The " + ProxyTunnel.describe(settings.proxy()) + " did not open a tunnel to "
                    + settings.address() + ": " + describe(cause) + ProxyTunnel.hint(cause);
            case "TLS handshake" -> "TLS handshake with " + settings.address() + " failed: " + describe(cause)
                    + TlsFailureHints.hint(cause);
            case "WebSocket upgrade" -> "WebSocket upgrade to " + (settings.tls() != null ? "wss://" : "ws://")
                    + settings.address() + settings.webSocket().path() + " failed: " + describe(cause);
            default -> "Connection to " + settings.address() + " failed: " + describe(cause);
        };
    }

    private void fail(String message, Throwable cause) {
        result.completeExceptionally(new TransportException(message, cause));
    }

    private static String describe(Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** Sits at the end of the pipeline until the transport is ready; turns setup errors into a failed result. */
    private final class SetupGuard extends ChannelInboundHandlerAdapter {

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(stepFailure(cause), cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(stepFailure(new ClosedChannelException()).replace("ClosedChannelException", "connection closed by peer"), null);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
