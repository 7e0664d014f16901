package dev.mqtt5.client.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP upgrade request that opens a WebSocket connection: host, port, path with its query
 * string, and extra headers. A {@link WebSocketHandshakeTransformer} receives one and returns a
 * modified copy made with {@link #withPath(String)}, {@link #withHeader(String, String)} or
 * {@link #toBuilder()}.
 *
 * <p>Instances are immutable and thread-safe. Header names keep the case they were given in;
 * {@code Host}, {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Key},
 * {@code Sec-WebSocket-Version} and {@code Sec-WebSocket-Protocol} are added by the client unless
 * set here.
 */
public final class WebSocketHandshakeRequest {

    private final boolean secure;
    private final String host;
    private final int port;
    private final String path;
    private final Map<String, List<String>> headers;

    private WebSocketHandshakeRequest(Builder builder) {
        this.secure = builder.secure;
        this.host = builder.host;
        this.port = builder.port;
        this.path = builder.path;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        builder.headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns a builder for a request to {@code host:port}, with path {@code /mqtt} and no extra
     * headers.
     *
     * @param host the server's host name or IP literal
     * @param port the server's port
     * @return a new builder
     */
    public static Builder builder(String host, int port) {
        return new Builder().host(host).port(port);
    }

    /**
     * Returns whether the request is sent over TLS ({@code wss}).
     *
     * @return {@code true} for {@code wss}
     */
    public boolean secure() {
        return secure;
    }

    /**
     * Returns the host name or IP literal of the server.
     *
     * @return the host
     */
    public String host() {
        return host;
    }

    /**
     * Returns the port of the server.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the request target: the path and, if any, the query string, such as
     * {@code /mqtt?X-Amz-Signature=...}.
     *
     * @return the path with its query string
     */
    public String path() {
        return path;
    }

    /**
     * Returns the extra headers, in insertion order, each with one or more values.
     *
     * @return an unmodifiable map from header name to values
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * Returns the URI of the request, such as {@code wss://example.com:443/mqtt}.
     *
     * @return the URI as a string
     */
    public String uri() {
        String uriHost = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return (secure ? "wss" : "ws") + "://" + uriHost + ":" + port + path;
    }

    /**
     * Returns a copy with another path (which may carry a query string).
     *
     * @param newPath a path starting with {@code /}
     * @return the modified copy
     */
    public WebSocketHandshakeRequest withPath(String newPath) {
        return toBuilder().path(newPath).build();
    }

    /**
     * Returns a copy where header {@code name} has the single value {@code value}.
     *
     * @param name the header name
     * @param value the header value
     * @return the modified copy
     */
    public WebSocketHandshakeRequest withHeader(String name, String value) {
        return toBuilder().setHeader(name, value).build();
    }

    /**
     * Returns a builder initialised with this request's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder().secure(secure).host(host).port(port).path(path);
        headers.forEach((name, values) -> values.forEach(v -> builder.addHeader(name, v)));
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebSocketHandshakeRequest that && secure == that.secure
                && port == that.port && host.equals(that.host) && path.equals(that.path)
                && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secure, host, port, path, headers);
    }

    @Override
    public String toString() {
        return "WebSocketHandshakeRequest{" + uri() + ", headers=" + headers.keySet() + '}';
    }

    /** Builds a {@link WebSocketHandshakeRequest}; not thread-safe. */
    public static final class Builder {

        private boolean secure;
        private String host;
        private int port;
        private String path = "/mqtt";
        private final Map<String, List<String>> headers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets whether the request goes over TLS ({@code wss}).
         *
         * @param secure {@code true} for {@code wss}
         * @return this builder
         */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /**
         * Sets the host name or IP literal of the server.
         *
         * @param host a non-blank host
         * @return this builder
         */
        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("webSocket host must not be blank");
            }
            this.host = host;
            return this;
        }

        /**
         * Sets the port of the server.
         *
         * @param port 1 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("webSocket port must be 1 to 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the path, which may include a query string.
         *
         * @param path a path starting with {@code /}
         * @return this builder
         */
        public Builder path(String path) {
            this.path = WebSocketOptions.checkPath(path);
            return this;
        }

        /**
         * Adds a value to header {@code name}, keeping values it already has.
         *
         * @param name the header name
         * @param value the value
         * @return this builder
         */
        public Builder addHeader(String name, String value) {
            checkHeader(name, value);
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        /**
         * Sets header {@code name} to the single value {@code value}, replacing other values.
         *
         * @param name the header name
         * @param value the value
         * @return this builder
         */
        public Builder setHeader(String name, String value) {
            checkHeader(name, value);
            removeHeader(name);
            headers.put(name, new ArrayList<>(List.of(value)));
            return this;
        }

        /**
         * Removes header {@code name}, ignoring case.
         *
         * @param name the header name
         * @return this builder
         */
        public Builder removeHeader(String name) {
            headers.keySet().removeIf(n -> n.equalsIgnoreCase(name));
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the immutable request
         */
        public WebSocketHandshakeRequest build() {
            if (host == null || port == 0) {
                throw new IllegalStateException("webSocket host and port must be set");
            }
            return new WebSocketHandshakeRequest(this);
        }

        private static void checkHeader(String name, String value) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("webSocket header name must not be blank");
            }
            if (value == null) {
                throw new IllegalArgumentException("webSocket header '" + name + "' must not have a null value");
            }
        }
    }
}
