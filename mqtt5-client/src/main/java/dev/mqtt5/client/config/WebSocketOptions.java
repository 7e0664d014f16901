package dev.mqtt5.client.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the client carries MQTT over WebSocket: the upgrade request path, subprotocol and extra
 * headers, an optional {@link WebSocketHandshakeTransformer} that may rewrite the request on
 * every connection attempt, the handshake timeout and the largest frame accepted.
 *
 * <p>Instances are immutable and thread-safe; create them with {@link #builder()}. Combine with
 * {@link TlsOptions} for {@code wss}.
 */
public final class WebSocketOptions {

    /** The path used when none is configured: {@code /mqtt}. */
    public static final String DEFAULT_PATH = "/mqtt";

    /** The subprotocol used when none is configured: {@code mqtt}. */
    public static final String DEFAULT_SUBPROTOCOL = "mqtt";

    /** The handshake timeout used when none is configured: 10 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** The largest frame payload accepted when none is configured: the MQTT maximum packet size plus its fixed header. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 268_435_455 + 5;

    private final String path;
    private final String subprotocol;
    private final Map<String, String> headers;
    private final WebSocketHandshakeTransformer handshakeTransformer;
    private final Duration handshakeTimeout;
    private final int maxFrameSize;

    private WebSocketOptions(Builder builder) {
        this.path = builder.path;
        this.subprotocol = builder.subprotocol;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        this.handshakeTransformer = builder.handshakeTransformer;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.maxFrameSize = builder.maxFrameSize;
    }

    /**
     * Returns a builder with path {@code /mqtt}, subprotocol {@code mqtt}, no extra headers, no
     * transformer, a 10 s handshake timeout and {@link #DEFAULT_MAX_FRAME_SIZE}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the path of the upgrade request, with its query string if any.
     *
     * @return the path, starting with {@code /}
     */
    public String path() {
        return path;
    }

    /**
     * Returns the WebSocket subprotocol requested from the server.
     *
     * @return the subprotocol
     */
    public String subprotocol() {
        return subprotocol;
    }

    /**
     * Returns the extra headers sent with the upgrade request, in insertion order.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * Returns the transformer called on every connection attempt, if one was configured.
     *
     * @return the transformer
     */
    public Optional<WebSocketHandshakeTransformer> handshakeTransformer() {
        return Optional.ofNullable(handshakeTransformer);
    }

    /**
     * Returns how long the upgrade (including the transformer) may take.
     *
     * @return the handshake timeout
     */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * Returns the largest frame payload accepted from the server, in bytes.
     *
     * @return the maximum frame size
     */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    @Override
    public String toString() {
        return "WebSocketOptions{path=" + path + ", subprotocol=" + subprotocol + ", headers="
                + headers.keySet() + ", handshakeTransformer=" + (handshakeTransformer != null)
                + ", handshakeTimeout=" + handshakeTimeout + ", maxFrameSize=" + maxFrameSize + '}';
    }

    static String checkPath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("webSocket path must start with '/', was " + path);
        }
        if (path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("webSocket path must not contain spaces or control characters");
        }
        return path;
    }

    /** Builds {@link WebSocketOptions}; not thread-safe. */
    public static final class Builder {

        private String path = DEFAULT_PATH;
        private String subprotocol = DEFAULT_SUBPROTOCOL;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private WebSocketHandshakeTransformer handshakeTransformer;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;

        private Builder() {
        }

        /**
         * Sets the path of the upgrade request; it may include an already-encoded query string.
         *
         * @param path a path starting with {@code /}
         * @return this builder
         */
        public Builder path(String path) {
            this.path = checkPath(path);
            return this;
        }

        /**
         * Sets the WebSocket subprotocol; {@code mqtt} by default.
         *
         * @param subprotocol a non-blank subprotocol name
         * @return this builder
         */
        public Builder subprotocol(String subprotocol) {
            if (subprotocol == null || subprotocol.isBlank()) {
                throw new IllegalArgumentException("webSocket subprotocol must not be blank");
            }
            this.subprotocol = subprotocol;
            return this;
        }

        /**
         * Replaces the extra headers sent with the upgrade request.
         *
         * @param headers header names and values
         * @return this builder
         */
        public Builder headers(Map<String, String> headers) {
            Objects.requireNonNull(headers, "webSocket headers must not be null");
            this.headers.clear();
            headers.forEach(this::header);
            return this;
        }

        /**
         * Adds one extra header to the upgrade request.
         *
         * @param name the header name
         * @param value the header value
         * @return this builder
         */
        public Builder header(String name, String value) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("webSocket header name must not be blank");
            }
            if (value == null) {
                throw new IllegalArgumentException("webSocket header '" + name + "' must not have a null value");
            }
            headers.put(name, value);
            return this;
        }

        /**
         * Sets a transformer called on every connection attempt to rewrite the upgrade request.
         *
         * @param transformer the transformer
         * @return this builder
         */
        public Builder handshakeTransformer(WebSocketHandshakeTransformer transformer) {
            this.handshakeTransformer = Objects.requireNonNull(transformer, "webSocket handshakeTransformer must not be null");
            return this;
        }

        /**
         * Sets how long the upgrade may take, including the transformer; 10 s by default.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "webSocket handshakeTimeout must not be null");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("webSocket handshakeTimeout must be positive, was " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /**
         * Sets the largest frame payload accepted from the server.
         *
         * @param bytes a positive number of bytes
         * @return this builder
         */
        public Builder maxFrameSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("webSocket maxFrameSize must be positive, was " + bytes);
            }
            this.maxFrameSize = bytes;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public WebSocketOptions build() {
            return new WebSocketOptions(this);
        }
    }
}
