package dev.mqtt5.client.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A proxy every connection goes through: an HTTP proxy that tunnels with {@code CONNECT}
 * (optionally with basic authentication and TLS to the proxy), or a SOCKS5 proxy (optionally with
 * username and password). The broker's TLS, if any, runs inside the tunnel, end to end.
 *
 * <pre>{@code
 * HttpProxyOptions proxy = HttpProxyOptions.builder("proxy.example.com", 3128)
 *         .basicAuthentication("user", "secret")
 *         .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. {@link #toString()} never prints the password.
 */
public final class HttpProxyOptions {

    /** The kind of proxy. */
    public enum Type {
        /** An HTTP proxy, tunnelling with {@code CONNECT host:port}. */
        HTTP,
        /** A SOCKS5 proxy (RFC 1928), with username/password authentication (RFC 1929) when set. */
        SOCKS5
    }

    /** How long the proxy may take to open the tunnel when none is configured: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Type type;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final TlsOptions tls;
    private final Duration connectTimeout;

    private HttpProxyOptions(Builder builder) {
        this.type = builder.type;
        this.host = builder.host;
        this.port = builder.port;
        this.username = builder.username;
        this.password = builder.password;
        this.tls = builder.tls;
        this.connectTimeout = builder.connectTimeout;
    }

    /**
     * Returns a builder for an HTTP proxy at {@code host:port}, without authentication or TLS.
     *
     * @param host the proxy's host name or IP literal
     * @param port the proxy's port, 1 to 65535
     * @return a new builder
     */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /**
     * Returns the kind of proxy.
     *
     * @return {@link Type#HTTP} unless set otherwise
     */
    public Type type() {
        return type;
    }

    /**
     * Returns the proxy's host name or IP literal.
     *
     * @return the host
     */
    public String host() {
        return host;
    }

    /**
     * Returns the proxy's port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the user name sent to the proxy, if authentication is configured.
     *
     * @return the user name
     */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /**
     * Returns the password sent to the proxy, if authentication is configured. Never log it.
     *
     * @return the password
     */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /**
     * Returns the TLS options for the connection to an HTTP proxy ({@code https} proxy), if any.
     *
     * @return the TLS options towards the proxy
     */
    public Optional<TlsOptions> tls() {
        return Optional.ofNullable(tls);
    }

    /**
     * Returns how long the proxy may take to open the tunnel.
     *
     * @return the timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns {@code host:port} of the proxy, for messages.
     *
     * @return the proxy's address
     */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "HttpProxyOptions{type=" + type + ", address=" + address()
                + ", authentication=" + (username == null ? "none" : "user[" + username + "], password=****")
                + ", tls=" + (tls == null ? "none" : tls) + ", connectTimeout=" + connectTimeout + '}';
    }

    /** Builds {@link HttpProxyOptions}; not thread-safe. Every setter names the field it rejects. */
    public static final class Builder {

        private Type type = Type.HTTP;
        private final String host;
        private final int port;
        private String username;
        private String password;
        private TlsOptions tls;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

        private Builder(String host, int port) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("httpProxy host must not be blank");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("httpProxy port must be 1 to 65535, was " + port);
            }
            this.host = host;
            this.port = port;
        }

        /**
         * Sets the kind of proxy; {@link Type#HTTP} by default.
         *
         * @param type the proxy type
         * @return this builder
         */
        public Builder type(Type type) {
            this.type = Objects.requireNonNull(type, "httpProxy type must not be null");
            return this;
        }

        /**
         * Authenticates to the proxy: HTTP basic authentication, or SOCKS5 username/password.
         *
         * @param username the user name, not blank
         * @param password the password, not null
         * @return this builder
         */
        public Builder basicAuthentication(String username, String password) {
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("httpProxy username must not be blank");
            }
            this.username = username;
            this.password = Objects.requireNonNull(password, "httpProxy password must not be null");
            return this;
        }

        /**
         * Connects to an HTTP proxy with TLS ({@code https} proxy), with these options; the
         * broker's own TLS still runs inside the tunnel.
         *
         * @param tls the TLS options towards the proxy
         * @return this builder
         */
        public Builder tls(TlsOptions tls) {
            this.tls = Objects.requireNonNull(tls, "httpProxy tls must not be null");
            return this;
        }

        /**
         * Sets how long the proxy may take to open the tunnel; 10 s by default.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "httpProxy connectTimeout must not be null");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("httpProxy connectTimeout must be positive, was " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         * @throws IllegalStateException when TLS is set for a SOCKS5 proxy
         */
        public HttpProxyOptions build() {
            if (type == Type.SOCKS5 && tls != null) {
                throw new IllegalStateException("httpProxy tls is for HTTP proxies only; a SOCKS5 proxy is reached without TLS");
            }
            return new HttpProxyOptions(this);
        }
    }
}
