package dev.mqtt5.client.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.config.WebSocketHandshakeRequest;
import dev.mqtt5.client.config.WebSocketOptions;
import dev.mqtt5.client.conformance.Covers;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebSocketUpgradeTest extends TransportTestSupport {

    @BeforeAll
    static void start() {
        startLoops();
    }

    @AfterAll
    static void stop() {
        stopLoops();
    }

    private static TransportSettings ws(WebSocketTestServer server, WebSocketOptions options) {
        return TransportSettings.tcp("127.0.0.1", server.port()).withWebSocket(options);
    }

    @Test
    @Covers("MQTT-6.0.0-3")
    void sendsPathQuerySubprotocolHostAndCustomHeadersInTheUpgradeRequest() throws Exception {
        try (WebSocketTestServer server = new WebSocketTestServer(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            WebSocketOptions options = WebSocketOptions.builder().path("/mqtt?token=a%2Fb")
                    .header("X-Device", "dev-1").build();

            assertThat(connAckReasonCode(ws(server, options))).isZero();

            FullHttpRequest request = server.requests.get(0);
            assertThat(request.uri()).isEqualTo("/mqtt?token=a%2Fb");
            assertThat(request.headers().get("X-Device")).isEqualTo("dev-1");
            assertThat(request.headers().get("Sec-WebSocket-Protocol")).isEqualTo("mqtt");
            assertThat(request.headers().get("Host")).isEqualTo("127.0.0.1:" + server.port());
        }
    }

    @Test
    void invokesTheHandshakeTransformerOnEveryAttemptOffTheEventLoop() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> threads = new CopyOnWriteArrayList<>();
        WebSocketOptions options = WebSocketOptions.builder().handshakeTransformer(request -> {
            threads.add(Thread.currentThread().getName());
            return CompletableFuture.completedFuture(request
                    .withPath(request.path() + "?X-Amz-Signature=s" + calls.incrementAndGet())
                    .withHeader("X-Attempt", String.valueOf(calls.get())));
        }).build();
        try (WebSocketTestServer server = new WebSocketTestServer(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            assertThat(connAckReasonCode(ws(server, options))).isZero();
            assertThat(connAckReasonCode(ws(server, options))).isZero();

            assertThat(calls).hasValue(2);
            assertThat(threads).containsExactly("user-callbacks", "user-callbacks");
            assertThat(server.requests).extracting(FullHttpRequest::uri)
                    .containsExactly("/mqtt?X-Amz-Signature=s1", "/mqtt?X-Amz-Signature=s2");
            assertThat(server.requests).extracting(r -> r.headers().get("X-Attempt")).containsExactly("1", "2");
        }
    }

    @Test
    void failsTheConnectWithTheCauseOfAFailingTransformer() throws Exception {
        IllegalStateException cause = new IllegalStateException("no AWS credentials");
        WebSocketOptions options = WebSocketOptions.builder()
                .handshakeTransformer(request -> CompletableFuture.failedFuture(cause)).build();
        try (WebSocketTestServer server = new WebSocketTestServer(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            Throwable failure = connectFailure(ws(server, options));

            assertThat(failure).isInstanceOf(TransportException.class).hasCause(cause)
                    .hasMessageContaining("ws://127.0.0.1:" + server.port() + "/mqtt")
                    .hasMessageContaining("no AWS credentials");
            assertThat(server.requests).isEmpty();
        }
    }

    @Test
    void failsTheConnectWhenTheTransformerThrowsOrReturnsNull() throws Exception {
        try (WebSocketTestServer server = new WebSocketTestServer(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            WebSocketOptions throwing = WebSocketOptions.builder().handshakeTransformer(request -> {
                throw new IllegalArgumentException("bad region");
            }).build();
            WebSocketOptions returningNull = WebSocketOptions.builder().handshakeTransformer(request -> null).build();
            WebSocketOptions completingWithNull = WebSocketOptions.builder()
                    .handshakeTransformer(request -> CompletableFuture.<WebSocketHandshakeRequest>completedFuture(null))
                    .build();

            assertThat(connectFailure(ws(server, throwing))).hasRootCauseMessage("bad region");
            assertThat(connectFailure(ws(server, returningNull))).hasMessageContaining("null");
            assertThat(connectFailure(ws(server, completingWithNull))).hasMessageContaining("null");
        }
    }

    @Test
    void reportsTheHttpStatusWhenTheUpgradeIsRefused() throws Exception {
        try (WebSocketTestServer server = new WebSocketTestServer(HttpResponseStatus.FORBIDDEN)) {
            Throwable failure = connectFailure(ws(server, WebSocketOptions.builder().build()));

            assertThat(failure).isInstanceOf(TransportException.class).hasMessageStartingWith(
                    "WebSocket upgrade to ws://127.0.0.1:" + server.port() + "/mqtt refused: HTTP 403");
        }
    }

    @Test
    void answersPingsAndClosesTheChannelOnACloseFrame() throws Exception {
        try (WebSocketTestServer server = new WebSocketTestServer(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            RawMqtt.FirstPacket reader = new RawMqtt.FirstPacket();
            Channel client = connect(ws(server, WebSocketOptions.builder().build()), reader).get(5, TimeUnit.SECONDS);
            assertThat(RawMqtt.connAckReasonCode(client, reader)).isZero();

            server.lastChild.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer("hi", StandardCharsets.US_ASCII)));
            assertThat(server.pongs.poll(5, TimeUnit.SECONDS)).isEqualTo("hi");

            server.lastChild.writeAndFlush(new CloseWebSocketFrame(1000, "bye"));
            assertThat(client.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
