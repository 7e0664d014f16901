package dev.mqtt5.client;

import dev.mqtt5.client.auth.EnhancedAuthenticator;
import dev.mqtt5.client.config.FlowControlOptions;
import dev.mqtt5.client.config.HttpProxyOptions;
import dev.mqtt5.client.config.OfflineQueueBehavior;
import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.config.TopicAliasingOptions;
import dev.mqtt5.client.config.WebSocketOptions;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.ConnectPacket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Everything a {@link Mqtt5Client} needs, fixed when the client is created. Build with
 * {@link #builder()}; only the host name is required.
 */
public final class Mqtt5ClientOptions {

    /** The default CONNACK timeout, 20 s. */
    public static final Duration DEFAULT_CONNACK_TIMEOUT = Duration.ofSeconds(20);
    /** The default ping timeout, 30 s (capped at half the keep-alive). */
    public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(30);
    /** The default socket connect timeout, 10 s. */
    public static final Duration DEFAULT_SOCKET_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The default operation acknowledgement timeout, 60 s. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(60);
    /**
     * The Maximum Packet Size the client announces in CONNECT when {@code connectOptions} set none, 1 MiB: eight
     * times the largest message AWS IoT Core carries (128 KiB), above the limits of the common IoT clouds, and
     * small enough that what a connection buffers for a packet in progress stays bounded. A broker that honours
     * it discards a larger message for this client instead of sending it (MQTT-3.1.2-25), so a client that must
     * receive larger messages sets {@code ConnectPacket.maximumPacketSize} itself (up to 268,435,460, no limit).
     */
    public static final long DEFAULT_MAXIMUM_PACKET_SIZE = 1024 * 1024;
    /** Boxed once: every client's connect options share it (idle clients are counted in bytes). */
    private static final Long DEFAULT_MAXIMUM_PACKET_SIZE_BOXED = DEFAULT_MAXIMUM_PACKET_SIZE;
    /** The default {@link Builder#poisonOperationLimit(int) poison operation limit}, 3. */
    public static final int DEFAULT_POISON_OPERATION_LIMIT = 3;

    private final String hostName;
    private final int port;
    private final ConnectPacket connectOptions;
    private final SessionBehavior sessionBehavior;
    private final OfflineQueueBehavior offlineQueueBehavior;
    private final ReconnectOptions reconnectOptions;
    private final Duration connackTimeout;
    private final Duration pingTimeout;
    private final Duration socketConnectTimeout;
    private final Duration operationTimeout;
    private final int poisonOperationLimit;
    private final TlsOptions tls;
    private final WebSocketOptions webSocket;
    private final boolean tcpNoDelay;
    private final LifecycleListener lifecycleListener;
    private final PublishReceivedListener publishReceivedListener;
    private final ManualAckPublishListener manualAckPublishListener;
    private final Executor callbackExecutor;
    private final TopicAliasingOptions topicAliasing;
    private final FlowControlOptions flowControl;
    private final EnhancedAuthenticator enhancedAuthenticator;
    private final HttpProxyOptions httpProxy;
    private final boolean iotCoreValidation;
    private final boolean allowDiscouragedCharacters;
    private final PublishObserver publishObserver;
    private final boolean acknowledgeUnroutedPublishes;

    private Mqtt5ClientOptions(Builder b) {
        this.hostName = b.hostName;
        this.port = b.port != 0 ? b.port : defaultPort(b.tls != null, b.webSocket != null);
        this.connectOptions = b.connectOptions.maximumPacketSize() != null ? b.connectOptions
                : b.connectOptions.toBuilder().maximumPacketSize(DEFAULT_MAXIMUM_PACKET_SIZE_BOXED).build();
        this.sessionBehavior = b.sessionBehavior;
        this.offlineQueueBehavior = b.offlineQueueBehavior;
        this.reconnectOptions = b.reconnectOptions;
        this.connackTimeout = b.connackTimeout;
        this.pingTimeout = b.pingTimeout;
        this.socketConnectTimeout = b.socketConnectTimeout;
        this.operationTimeout = b.operationTimeout;
        this.poisonOperationLimit = b.poisonOperationLimit;
        this.tls = b.tls;
        this.webSocket = b.webSocket;
        this.tcpNoDelay = b.tcpNoDelay;
        this.lifecycleListener = b.lifecycleListener;
        this.publishReceivedListener = b.publishReceivedListener;
        this.manualAckPublishListener = b.manualAckPublishListener;
        this.callbackExecutor = b.callbackExecutor;
        this.topicAliasing = b.topicAliasing;
        this.flowControl = b.flowControl;
        this.enhancedAuthenticator = b.enhancedAuthenticator;
        this.httpProxy = b.httpProxy;
        this.iotCoreValidation = b.iotCoreValidation;
        this.allowDiscouragedCharacters = b.allowDiscouragedCharacters;
        this.publishObserver = b.publishObserver;
        this.acknowledgeUnroutedPublishes = b.acknowledgeUnroutedPublishes;
    }

    private static int defaultPort(boolean tls, boolean webSocket) {
        if (webSocket) {
            return tls ? 443 : 80;
        }
        return tls ? 8883 : 1883;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The broker's host name or IP address. */
    public String hostName() {
        return hostName;
    }

    /** The broker's port (default 1883, 8883 with TLS, 80 or 443 for WebSocket). */
    public int port() {
        return port;
    }

    /**
     * What the client sends in CONNECT on every connection attempt; its Maximum Packet Size is
     * {@link #DEFAULT_MAXIMUM_PACKET_SIZE} unless the given connect options set one.
     */
    public ConnectPacket connectOptions() {
        return connectOptions;
    }

    /** How sessions are started or rejoined (default {@link SessionBehavior#REJOIN_POST_SUCCESS}). */
    public SessionBehavior sessionBehavior() {
        return sessionBehavior;
    }

    /** What happens to incomplete operations when a connection ends (default {@link OfflineQueueBehavior#FAIL_QOS0_PUBLISH_ON_DISCONNECT}). */
    public OfflineQueueBehavior offlineQueueBehavior() {
        return offlineQueueBehavior;
    }

    /** The reconnect backoff. */
    public ReconnectOptions reconnectOptions() {
        return reconnectOptions;
    }

    /** How long to wait for CONNACK after CONNECT (default 20 s). */
    public Duration connackTimeout() {
        return connackTimeout;
    }

    /** How long to wait for PINGRESP after PINGREQ (default 30 s, capped at half the keep-alive). */
    public Duration pingTimeout() {
        return pingTimeout;
    }

    /** How long to wait for the socket to connect (default 10 s). */
    public Duration socketConnectTimeout() {
        return socketConnectTimeout;
    }

    /** How long to wait for the acknowledgement of an operation once written (default 60 s). */
    public Duration operationTimeout() {
        return operationTimeout;
    }

    /** Server-ended connections in a row after which an operation is failed as refused (default 3; 0 never). */
    public int poisonOperationLimit() {
        return poisonOperationLimit;
    }

    /** TLS settings, or null for a plain connection. */
    public TlsOptions tls() {
        return tls;
    }

    /** WebSocket settings, or null for MQTT directly over TCP. */
    public WebSocketOptions webSocket() {
        return webSocket;
    }

    /** Whether Nagle's algorithm is disabled (default true: MQTT is many small packets). */
    public boolean tcpNoDelay() {
        return tcpNoDelay;
    }

    /** The lifecycle listener, or null. */
    public LifecycleListener lifecycleListener() {
        return lifecycleListener;
    }

    /** The listener for received publishes, or null. */
    public PublishReceivedListener publishReceivedListener() {
        return publishReceivedListener;
    }

    /** The listener for received publishes that acknowledges them itself, or null. */
    public ManualAckPublishListener manualAckPublishListener() {
        return manualAckPublishListener;
    }

    /**
     * Whether a received QoS 1 or 2 publish that no handler or listener takes is acknowledged at
     * once (default true), or withheld (false); see {@link Builder#acknowledgeUnroutedPublishes}.
     */
    public boolean acknowledgeUnroutedPublishes() {
        return acknowledgeUnroutedPublishes;
    }

    /** How outbound topic aliases are used (default disabled). */
    public TopicAliasingOptions topicAliasing() {
        return topicAliasing;
    }

    /** Client-side throttling of outbound traffic (default disabled; {@link FlowControlOptions#iotCore()} for AWS IoT Core). */
    public FlowControlOptions flowControl() {
        return flowControl;
    }

    /** The observer of every publish sent and received, or null. */
    public PublishObserver publishObserver() {
        return publishObserver;
    }

    /** The enhanced authentication mechanism, or null. */
    public EnhancedAuthenticator enhancedAuthenticator() {
        return enhancedAuthenticator;
    }

    /** The executor that runs callbacks and completes futures, or null for the client's default. */
    public Executor callbackExecutor() {
        return callbackExecutor;
    }

    /** The proxy every connection goes through, or null for a direct connection. */
    public HttpProxyOptions httpProxy() {
        return httpProxy;
    }

    /**
     * Whether operations are also checked against AWS IoT Core's limits before they are sent
     * (topic length and levels, subscriptions per SUBSCRIBE, client id length, payload size); off by default.
     */
    public boolean iotCoreValidation() {
        return iotCoreValidation;
    }

    /**
     * Whether strings the client sends may contain the characters MQTT 5.0 section 1.5.4 says a
     * sender should not send (control characters, Unicode non-characters); off by default, so they
     * are refused with an {@link IllegalArgumentException} before anything is queued.
     */
    public boolean allowDiscouragedCharacters() {
        return allowDiscouragedCharacters;
    }

    @Override
    public String toString() {
        return "Mqtt5ClientOptions[hostName=" + hostName + ", port=" + port + ", connectOptions=" + connectOptions
                + ", sessionBehavior=" + sessionBehavior + ", offlineQueueBehavior=" + offlineQueueBehavior
                + ", reconnectOptions=" + reconnectOptions + ", connackTimeout=" + connackTimeout
                + ", pingTimeout=" + pingTimeout + ", poisonOperationLimit=" + poisonOperationLimit + ", socketConnectTimeout=" + socketConnectTimeout
                + ", operationTimeout=" + operationTimeout + ", tls=" + tls + ", webSocket=" + webSocket
                + ", tcpNoDelay=" + tcpNoDelay + ", topicAliasing=" + topicAliasing + ", flowControl=" + flowControl
                + ", httpProxy=" + httpProxy + ", iotCoreValidation=" + iotCoreValidation
                + ", allowDiscouragedCharacters=" + allowDiscouragedCharacters
                + ", acknowledgeUnroutedPublishes=" + acknowledgeUnroutedPublishes + "]";
    }

    /** Builds {@link Mqtt5ClientOptions}; every setter names its field when it rejects a value. */
    public static final class Builder {
        private String hostName;
        private int port;
        private ConnectPacket connectOptions = ConnectPacket.builder().build();
        private SessionBehavior sessionBehavior = SessionBehavior.REJOIN_POST_SUCCESS;
        private OfflineQueueBehavior offlineQueueBehavior = OfflineQueueBehavior.FAIL_QOS0_PUBLISH_ON_DISCONNECT;
        private ReconnectOptions reconnectOptions = ReconnectOptions.defaults();
        private Duration connackTimeout = DEFAULT_CONNACK_TIMEOUT;
        private Duration pingTimeout = DEFAULT_PING_TIMEOUT;
        private Duration socketConnectTimeout = DEFAULT_SOCKET_CONNECT_TIMEOUT;
        private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;
        private int poisonOperationLimit = DEFAULT_POISON_OPERATION_LIMIT;
        private TlsOptions tls;
        private WebSocketOptions webSocket;
        private boolean tcpNoDelay = true;
        private LifecycleListener lifecycleListener;
        private PublishReceivedListener publishReceivedListener;
        private ManualAckPublishListener manualAckPublishListener;
        private Executor callbackExecutor;
        private TopicAliasingOptions topicAliasing = TopicAliasingOptions.disabled();
        private FlowControlOptions flowControl = FlowControlOptions.disabled();
        private EnhancedAuthenticator enhancedAuthenticator;
        private HttpProxyOptions httpProxy;
        private boolean iotCoreValidation;
        private boolean allowDiscouragedCharacters;
        private PublishObserver publishObserver;
        private boolean acknowledgeUnroutedPublishes = true;

        private Builder() {
        }

        /** The broker's host name or IP address; required. */
        public Builder hostName(String hostName) {
            Objects.requireNonNull(hostName, "hostName must not be null");
            if (hostName.isBlank()) {
                throw new IllegalArgumentException("hostName must not be blank");
            }
            this.hostName = hostName;
            return this;
        }

        /** The broker's port, 1 to 65535. */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** What the client sends in CONNECT (client id, keep-alive, credentials, will, properties). */
        public Builder connectOptions(ConnectPacket connectOptions) {
            this.connectOptions = Objects.requireNonNull(connectOptions, "connectOptions must not be null");
            return this;
        }

        /** How sessions are started or rejoined. */
        public Builder sessionBehavior(SessionBehavior sessionBehavior) {
            this.sessionBehavior = Objects.requireNonNull(sessionBehavior, "sessionBehavior must not be null");
            return this;
        }

        /** What happens to incomplete operations when a connection ends. */
        public Builder offlineQueueBehavior(OfflineQueueBehavior behavior) {
            this.offlineQueueBehavior = Objects.requireNonNull(behavior, "offlineQueueBehavior must not be null");
            return this;
        }

        /** The reconnect backoff. */
        public Builder reconnectOptions(ReconnectOptions reconnectOptions) {
            this.reconnectOptions = Objects.requireNonNull(reconnectOptions, "reconnectOptions must not be null");
            return this;
        }

        /** How long to wait for CONNACK; positive. */
        public Builder connackTimeout(Duration timeout) {
            this.connackTimeout = positive("connackTimeout", timeout);
            return this;
        }

        /** How long to wait for PINGRESP; positive. */
        public Builder pingTimeout(Duration timeout) {
            this.pingTimeout = positive("pingTimeout", timeout);
            return this;
        }

        /** How long to wait for the socket to connect; positive. */
        public Builder socketConnectTimeout(Duration timeout) {
            this.socketConnectTimeout = positive("socketConnectTimeout", timeout);
            return this;
        }

        /** How long to wait for an operation's acknowledgement once written; positive. */
        public Builder operationTimeout(Duration timeout) {
            this.operationTimeout = positive("operationTimeout", timeout);
            return this;
        }

        /**
         * How many times in a row the server may end the connection while the same operation is the
         * oldest awaiting its acknowledgement before the client fails that operation with
         * {@link dev.mqtt5.client.exception.OperationRefusedException} instead of sending it again on
         * the next connection; 0 never fails one. Only ends the server causes count (a DISCONNECT
         * about a packet, or a close or reset without one). Default 3.
         */
        public Builder poisonOperationLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("poisonOperationLimit must not be negative (0 disables it), was "
                        + limit);
            }
            this.poisonOperationLimit = limit;
            return this;
        }

        /** Connect with TLS; null for a plain connection. */
        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        /** Connect over WebSocket; null for MQTT directly over TCP. */
        public Builder webSocket(WebSocketOptions webSocket) {
            this.webSocket = webSocket;
            return this;
        }

        /** Whether to disable Nagle's algorithm (default true). */
        public Builder tcpNoDelay(boolean tcpNoDelay) {
            this.tcpNoDelay = tcpNoDelay;
            return this;
        }

        /** Receives lifecycle events. */
        public Builder lifecycleListener(LifecycleListener listener) {
            this.lifecycleListener = listener;
            return this;
        }

        /**
         * Receives every publish the server delivers that no per-subscription handler claimed; a
         * QoS 1 or 2 publish is acknowledged when the listener returns. Replaces a listener set
         * with {@link #publishReceivedListener(ManualAckPublishListener)}.
         */
        public Builder publishReceivedListener(PublishReceivedListener listener) {
            this.publishReceivedListener = listener;
            this.manualAckPublishListener = null;
            return this;
        }

        /**
         * Receives every publish that no per-subscription handler claimed, and acknowledges each
         * one itself, later if it wants. Replaces a listener set with
         * {@link #publishReceivedListener(PublishReceivedListener)}.
         */
        public Builder publishReceivedListener(ManualAckPublishListener listener) {
            this.manualAckPublishListener = listener;
            this.publishReceivedListener = null;
            return this;
        }

        /**
         * Whether a received QoS 1 or 2 publish that no per-subscription handler, no handler of
         * {@code Mqtt5Client.addHandler} and no publish-received listener takes is acknowledged
         * (PUBACK, PUBREC) at once and so lost; default true. When false it is withheld instead:
         * not acknowledged on this connection, so the server keeps it and sends it again on the
         * next connection of the session (with a session that has not expired), when a handler
         * may be there for it. The acknowledgements of later publishes do not wait for it. Each
         * is logged at WARN on logger {@code dev.mqtt5.client.Mqtt5Client}, naming the topic
         * (repeats are summarised); QoS 0 publishes are dropped either way.
         *
         * <p>The cost: a withheld publish counts against the client's Receive Maximum until the
         * connection ends, as the server counts it in flight. Stale messages stored in the
         * session for subscriptions that nothing handles any more are sent again on every
         * connection and each time occupy receive slots; once they fill the Receive Maximum the
         * server sends nothing more on that connection. Unsubscribe such filters (the WARN lines
         * name the topics), or keep the default.
         */
        public Builder acknowledgeUnroutedPublishes(boolean acknowledge) {
            this.acknowledgeUnroutedPublishes = acknowledge;
            return this;
        }

        /** How outbound topic aliases are used (default {@link TopicAliasingOptions#disabled()}). */
        public Builder topicAliasing(TopicAliasingOptions topicAliasing) {
            this.topicAliasing = Objects.requireNonNull(topicAliasing, "topicAliasing must not be null");
            return this;
        }

        /** Client-side throttling (default {@link FlowControlOptions#disabled()}). */
        public Builder flowControl(FlowControlOptions flowControl) {
            this.flowControl = Objects.requireNonNull(flowControl, "flowControl must not be null");
            return this;
        }

        /**
         * The executor for callbacks and future completions. Listener callbacks are still run one
         * at a time, in order, on top of it. Default: a shared pool of daemon threads.
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = executor;
            return this;
        }

        /** Connects through this HTTP or SOCKS5 proxy; null for a direct connection. */
        public Builder httpProxy(HttpProxyOptions httpProxy) {
            this.httpProxy = httpProxy;
            return this;
        }

        /**
         * Whether to fail operations that break AWS IoT Core's limits before sending them (topics over
         * 256 bytes or 8 levels, over 8 subscriptions per SUBSCRIBE, client ids over 128 bytes,
         * payloads over 128 KiB); off by default.
         */
        public Builder iotCoreValidation(boolean enabled) {
            this.iotCoreValidation = enabled;
            return this;
        }

        /**
         * Whether the strings the client sends (topics, topic filters, user properties, content
         * type, response topic, client id, user name, will, reason strings, authentication method)
         * may contain the characters MQTT 5.0 section 1.5.4 says a sender should not send: the
         * control characters U+0001..U+001F and U+007F..U+009F and the Unicode non-characters
         * (U+FDD0..U+FDEF, U+FFFE, U+FFFF and the last two code points of every other plane).
         * Off by default: they are refused with an {@link IllegalArgumentException} naming the field,
         * because brokers such as mosquitto close the connection on them. Set it only for a broker
         * known to accept them. U+0000 and unpaired surrogates are refused whatever this says: MQTT
         * forbids them.
         */
        public Builder allowDiscouragedCharacters(boolean allowed) {
            this.allowDiscouragedCharacters = allowed;
            return this;
        }

        /** Sees every publish sent (with its outcome and latency) and received; for metrics and tracing. */
        public Builder publishObserver(PublishObserver observer) {
            this.publishObserver = observer;
            return this;
        }

        /**
         * Authenticates with MQTT 5 enhanced authentication (AUTH packets) on every connection;
         * {@code Mqtt5Client.reauthenticate()} repeats it on an established connection. The
         * authenticator supplies the CONNECT's authentication method and data.
         */
        public Builder enhancedAuthenticator(EnhancedAuthenticator authenticator) {
            this.enhancedAuthenticator = authenticator;
            return this;
        }

        /**
         * Builds the options.
         *
         * @throws IllegalArgumentException when the host name is missing
         */
        public Mqtt5ClientOptions build() {
            if (hostName == null) {
                throw new IllegalArgumentException("hostName must be set");
            }
            if (enhancedAuthenticator != null && connectOptions.authenticationMethod() != null) {
                throw new IllegalArgumentException("set either connectOptions.authenticationMethod or an "
                        + "enhancedAuthenticator, not both: the authenticator supplies the method and data");
            }
            return new Mqtt5ClientOptions(this);
        }

        private static Duration positive(String field, Duration value) {
            Objects.requireNonNull(value, field + " must not be null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(field + " must be positive, was " + value);
            }
            return value;
        }
    }
}
