package dev.mqtt5.client.internal.transport;

import dev.mqtt5.client.config.HttpProxyOptions;
import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.config.WebSocketOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how one connection is opened: host, port, optional TLS, optional WebSocket, the TCP
 * connect timeout and TCP_NODELAY. {@code tls} and {@code webSocket} are {@code null} when unused;
 * both set means {@code wss}.
 *
 * @param host the broker's host name or IP literal
 * @param port the broker's port
 * @param tls TLS options, or {@code null} for plain TCP
 * @param webSocket WebSocket options, or {@code null} for MQTT directly over TCP/TLS
 * @param connectTimeout how long the TCP connect may take
 * @param tcpNoDelay whether to disable Nagle's algorithm (true by default)
 * @param proxy the HTTP or SOCKS5 proxy to tunnel through, or {@code null} for a direct connection
 */
public record TransportSettings(String host, int port, TlsOptions tls, WebSocketOptions webSocket,
        Duration connectTimeout, boolean tcpNoDelay, HttpProxyOptions proxy) {

    /** The TCP connect timeout used by {@link #tcp(String, int)}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Validates the settings. */
    public TransportSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
        }
    }

    /**
     * Creates settings for a direct connection, without a proxy.
     *
     * @param host the broker's host
     * @param port the broker's port
     * @param tls TLS options, or {@code null}
     * @param webSocket WebSocket options, or {@code null}
     * @param connectTimeout how long the TCP connect may take
     * @param tcpNoDelay whether to disable Nagle's algorithm
     */
    public TransportSettings(String host, int port, TlsOptions tls, WebSocketOptions webSocket,
            Duration connectTimeout, boolean tcpNoDelay) {
        this(host, port, tls, webSocket, connectTimeout, tcpNoDelay, null);
    }

    /**
     * Returns settings for plain TCP with the default connect timeout and TCP_NODELAY on.
     *
     * @param host the broker's host
     * @param port the broker's port
     * @return the settings
     */
    public static TransportSettings tcp(String host, int port) {
        return new TransportSettings(host, port, null, null, DEFAULT_CONNECT_TIMEOUT, true);
    }

    /**
     * Returns a copy that uses TLS.
     *
     * @param options the TLS options, or {@code null} for none
     * @return the modified copy
     */
    public TransportSettings withTls(TlsOptions options) {
        return new TransportSettings(host, port, options, webSocket, connectTimeout, tcpNoDelay, proxy);
    }

    /**
     * Returns a copy that uses WebSocket.
     *
     * @param options the WebSocket options, or {@code null} for none
     * @return the modified copy
     */
    public TransportSettings withWebSocket(WebSocketOptions options) {
        return new TransportSettings(host, port, tls, options, connectTimeout, tcpNoDelay, proxy);
    }

    /**
     * Returns a copy with another TCP connect timeout.
     *
     * @param timeout a positive duration
     * @return the modified copy
     */
    public TransportSettings withConnectTimeout(Duration timeout) {
        return new TransportSettings(host, port, tls, webSocket, timeout, tcpNoDelay, proxy);
    }

    /**
     * Returns a copy that tunnels through a proxy.
     *
     * @param options the proxy, or {@code null} for a direct connection
     * @return the modified copy
     */
    public TransportSettings withProxy(HttpProxyOptions options) {
        return new TransportSettings(host, port, tls, webSocket, connectTimeout, tcpNoDelay, options);
    }

    /**
     * Returns {@code host:port}, with brackets around an IPv6 literal, for error messages.
     *
     * @return the address
     */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
