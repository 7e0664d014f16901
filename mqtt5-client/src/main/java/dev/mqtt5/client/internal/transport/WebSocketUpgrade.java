package dev.mqtt5.client.internal.transport;

import dev.mqtt5.client.config.WebSocketHandshakeRequest;
import dev.mqtt5.client.config.WebSocketOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Upgrades a connected (and possibly TLS-secured) channel to WebSocket: runs the handshake
 * transformer on the user executor, sends the HTTP upgrade request, checks the response, then
 * installs {@link WebSocketFraming}. Handlers are inserted before {@code beforeHandler}.
 */
final class WebSocketUpgrade {

    private static final int MAX_RESPONSE_SIZE = 64 * 1024;

    private final Channel channel;
    private final TransportSettings settings;
    private final WebSocketOptions options;
    private final String beforeHandler;
    private final CompletableFuture<Void> result = new CompletableFuture<>();

    private WebSocketUpgrade(Channel channel, TransportSettings settings, String beforeHandler) {
        this.channel = channel;
        this.settings = settings;
        this.options = settings.webSocket();
        this.beforeHandler = beforeHandler;
    }

    /** Starts the upgrade; the returned future completes on the channel's event loop, failing with a {@link TransportException}. */
    static CompletableFuture<Void> start(Channel channel, TransportSettings settings, Executor userExecutor,
            String beforeHandler) {
        WebSocketUpgrade upgrade = new WebSocketUpgrade(channel, settings, beforeHandler);
        upgrade.begin(userExecutor);
        return upgrade.result;
    }

    private void begin(Executor userExecutor) {
        WebSocketHandshakeRequest.Builder builder = WebSocketHandshakeRequest.builder(settings.host(), settings.port())
                .secure(settings.tls() != null)
                .path(options.path());
        options.headers().forEach(builder::addHeader);
        WebSocketHandshakeRequest initial = builder.build();
        long timeoutMillis = options.handshakeTimeout().toMillis();
        var timeout = channel.eventLoop().schedule(() -> fail("WebSocket upgrade to " + redacted(initial)
                + " timed out after " + timeoutMillis + " ms", null), timeoutMillis,
                TimeUnit.MILLISECONDS);
        result.whenComplete((ignored, error) -> timeout.cancel(false));
        if (options.handshakeTransformer().isEmpty()) {
            sendUpgrade(initial);
            return;
        }
        var transformer = options.handshakeTransformer().get();
        CompletableFuture.supplyAsync(() -> transformer.transform(initial), userExecutor)
                .thenCompose(stage -> stage != null ? stage
                        : CompletableFuture.failedFuture(new NullPointerException("transformer returned null")))
                .whenComplete((request, error) -> channel.eventLoop().execute(() -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (cause != null) {
                        fail("WebSocket handshake transformer for " + redacted(initial) + " failed: " + cause, cause);
                    } else if (request == null) {
                        fail("WebSocket handshake transformer for " + redacted(initial) + " returned null", null);
                    } else {
                        sendUpgrade(request);
                    }
                }));
    }

    private void sendUpgrade(WebSocketHandshakeRequest request) {
        if (result.isDone()) {
            return;
        }
        if (!channel.isActive()) {
            fail("WebSocket upgrade to " + redacted(request) + " failed: connection closed", null);
            return;
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        request.headers().forEach(headers::add);
        WebSocketClientHandshaker handshaker;
        try {
            handshaker = WebSocketClientHandshakerFactory.newHandshaker(URI.create(request.uri()),
                    WebSocketVersion.V13, options.subprotocol(), false, headers, options.maxFrameSize());
        } catch (IllegalArgumentException e) {
            fail("WebSocket upgrade to " + redacted(request) + " failed: invalid request URI or header", null);
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addBefore(beforeHandler, "ws-http-codec", new HttpClientCodec());
        pipeline.addBefore(beforeHandler, "ws-status-check", new StatusCheck(redacted(request)));
        pipeline.addBefore(beforeHandler, "ws-http-aggregator", new HttpObjectAggregator(MAX_RESPONSE_SIZE));
        pipeline.addBefore(beforeHandler, "ws-upgrade", new ResponseHandler(handshaker, redacted(request)));
        handshaker.handshake(channel).addListener(f -> {
            if (!f.isSuccess()) {
                fail("WebSocket upgrade to " + redacted(request) + " failed: " + f.cause(), f.cause());
            }
        });
    }

    /** The URI without its query string, which may carry a presigned signature or session token. */
    private static String redacted(WebSocketHandshakeRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query) + "?<query redacted>";
    }

    private void fail(String message, Throwable cause) {
        result.completeExceptionally(new TransportException(message, cause));
    }

    /** Reads the HTTP response to the upgrade request. */
    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

        private final WebSocketClientHandshaker handshaker;
        private final String uri;

        ResponseHandler(WebSocketClientHandshaker handshaker, String uri) {
            this.handshaker = handshaker;
            this.uri = uri;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            try {
                handshaker.finishHandshake(ctx.channel(), response);
            } catch (RuntimeException e) {
                fail("WebSocket upgrade to " + uri + " failed: " + e.getMessage(), e);
                return;
            }
            ctx.pipeline().addBefore(beforeHandler, "ws-framing", new WebSocketFraming());
            ctx.pipeline().remove(this);
            ctx.pipeline().remove(StatusCheck.class);
            result.complete(null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail("WebSocket upgrade to " + uri + " failed: " + cause, cause);
        }
    }

    /** Fails the upgrade as soon as the response head arrives with a status other than 101, without waiting for a body. */
    private final class StatusCheck extends ChannelInboundHandlerAdapter {

        private final String uri;

        StatusCheck(String uri) {
            this.uri = uri;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpResponse response
                    && response.status().code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                HttpResponseStatus status = response.status();
                ReferenceCountUtil.release(msg);
                fail("WebSocket upgrade to " + uri + " refused: HTTP " + status.code()
                        + (status.reasonPhrase().isEmpty() ? "" : " " + status.reasonPhrase()), null);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
