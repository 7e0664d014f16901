package dev.mqtt5.client.config;

import java.util.concurrent.CompletionStage;

/**
 * Changes the HTTP upgrade request of a WebSocket connection before it is sent, for example to
 * add a presigned query string (AWS SigV4) or an authorization header.
 *
 * <p>The client calls it on every connection attempt, never caching the result, on the client's
 * callback executor (never on a network thread), so it may block briefly or fetch credentials.
 * If the returned stage fails, or completes with {@code null}, that connection attempt fails
 * with that cause.
 */
@FunctionalInterface
public interface WebSocketHandshakeTransformer {

    /**
     * Returns the request to send, usually a modified copy of {@code request}.
     *
     * @param request the request the client would send, never {@code null}
     * @return a stage that completes with the request to send
     */
    CompletionStage<WebSocketHandshakeRequest> transform(WebSocketHandshakeRequest request);
}
