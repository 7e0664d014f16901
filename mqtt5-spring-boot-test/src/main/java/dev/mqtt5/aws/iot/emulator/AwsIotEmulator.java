package dev.mqtt5.aws.iot.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local emulator of the AWS IoT Core MQTT services (Device Shadow, Jobs, Fleet Provisioning)
 * that works with any MQTT 5 broker: it connects as a service client, subscribes to the services'
 * request topics and publishes their responses and notifications on the topics, with the JSON,
 * that the AWS IoT developer guide documents. Devices and SDKs talk to it as they would to AWS.
 *
 * <pre>{@code
 * try (AwsIotEmulator aws = AwsIotEmulator.builder().host("127.0.0.1").port(1883).build().start()) {
 *     aws.shadows().updateDesired("thing-1", null, "{\"color\":\"red\"}");
 *     // a device on the same broker gets $aws/things/thing-1/shadow/update/delta
 * }
 * }</pre>
 *
 * <p>What AWS does and a generic broker cannot: AWS answers on the requesting connection only
 * and authorizes each topic; here responses go through the broker to every subscriber of the
 * response topic, and every client may use every topic.
 *
 * <p>Brokers and {@code $aws/...} topics (checked by the tests): mosquitto 2 lets clients publish
 * to them and delivers them to explicit filters such as {@code $aws/things/+/shadow/get}, never to
 * filters that start with a wildcard ({@code #}, {@code +/...}), as MQTT 5 section 4.7.2 says.
 * HiveMQ CE accepts the subscriptions but by default disconnects a client that publishes to a
 * topic starting with {@code $} (reason 0x82, "Sent PUBLISH for a topic that starts with '$'");
 * the embedded broker of this module turns HiveMQ's internal switch for that on, and then HiveMQ
 * delivers {@code $aws/...} publishes to explicit filters and also to {@code #} and {@code +/...}.
 * The emulator subscribes with explicit filters only, with No Local, so it works on both.
 *
 * <p>The services: {@link ShadowService} (classic and named shadows), {@link JobsService} (the
 * device side of jobs created from Java) and {@link FleetProvisioningService} (certificates from
 * the emulator's {@link CertificateAuthority}, things from {@link ProvisioningTemplate}s); each
 * one's Javadoc says what it emulates and what not. State is kept in memory only. The emulator
 * reconnects within a second when the broker goes away and subscribes again when the broker has
 * lost its session.
 *
 * <p>Requests are handled on one emulator thread, in order of arrival, after the configured
 * service latency. AWS throttles a connection past 10 requests in flight; the emulator cannot see
 * which connection published a request on a generic broker, so it counts in-flight requests per
 * thing name (all provisioning requests count as one key) and answers the one over
 * {@link Builder#maxInFlightRequests(int)} at once with the service's throttling error (shadow
 * 429, jobs {@code RequestThrottled}). Every request is recorded ({@link #recordedRequests()}).
 */
public final class AwsIotEmulator implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(AwsIotEmulator.class);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final Builder settings;

    private final Mqtt5Client client;

    private final ScheduledExecutorService worker;

    private final ShadowService shadows;

    private final JobsService jobs;

    private final FleetProvisioningService provisioning;

    private final RequestDispatcher dispatcher;

    private final CompletableFuture<Void> connected = new CompletableFuture<>();

    private volatile boolean closed;

    private AwsIotEmulator(Builder settings) {
        this.settings = settings;
        this.client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(settings.host).port(settings.port)
                .connectOptions(ConnectPacket.builder().clientId(settings.clientId).build())
                // A local service: back at once when a test's broker restarts, not after minutes of backoff.
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(100))
                        .maxDelay(Duration.ofSeconds(1)).build())
                .lifecycleListener(new ConnectionWatch()).publishReceivedListener(this::onRequest).build());
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
            Thread thread = new Thread(task, "aws-iot-emulator");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.worker = executor;
        ServicePublisher publisher = new ServicePublisher(this.client);
        this.shadows = new ShadowService(publisher, settings.clock, settings.maxShadowStateBytes);
        this.jobs = new JobsService(publisher, settings.clock, executor);
        // An RSA key takes a while on a busy machine: the CA is made when first needed, not at start.
        this.provisioning = new FleetProvisioningService(publisher, (settings.authority != null)
                ? () -> settings.authority
                : () -> CertificateAuthority.generate("AWS IoT emulator CA " + settings.clientId, settings.clock));
        this.dispatcher = new RequestDispatcher(ServiceRoute.all(this.shadows, this.jobs, this.provisioning),
                executor, settings.serviceLatency, settings.maxInFlightRequests, settings.clock);
    }

    /**
     * Starts building an emulator.
     *
     * @return a builder with the defaults (localhost:1883, no latency, 10 in-flight requests, 8 KiB shadows)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects to the broker and subscribes to the request topics; returns once the emulator
     * answers requests.
     *
     * @return this emulator
     * @throws IllegalStateException when the broker cannot be reached or refuses a subscription
     */
    public AwsIotEmulator start() {
        this.client.start();
        try {
            this.connected.get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            checkSubscribed(subscribe().get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException ex) {
            close();
            throw new IllegalStateException("the AWS IoT emulator could not connect to " + this.settings.host + ":"
                    + this.settings.port + " and subscribe: " + ex, ex);
        } catch (InterruptedException ex) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the AWS IoT emulator", ex);
        }
        return this;
    }

    private CompletableFuture<SubAckPacket> subscribe() {
        SubscribePacket.Builder subscribe = SubscribePacket.builder();
        // No Local: the emulator's responses on topics its filters match must not come back as requests.
        requestFilters().forEach((filter) -> subscribe.subscription(
                Subscription.builder(filter).qos(QoS.AT_LEAST_ONCE).noLocal(true).build()));
        return this.client.subscribe(subscribe.build());
    }

    private void checkSubscribed(SubAckPacket suback) {
        for (int i = 0; i < suback.reasonCodes().size(); i++) {
            if (suback.reasonCodes().get(i).isError()) {
                throw new IllegalStateException("the broker refused the AWS IoT emulator's subscription to "
                        + requestFilters().get(i) + ": " + suback.reasonCodes().get(i));
            }
        }
    }

    /**
     * The Device Shadow service.
     *
     * @return the shadow service, to read shadows and update them from the cloud side
     */
    public ShadowService shadows() {
        return this.shadows;
    }

    /**
     * The Jobs service.
     *
     * @return the jobs service, to create jobs for things and read their executions
     */
    public JobsService jobs() {
        return this.jobs;
    }

    /**
     * The Fleet Provisioning service.
     *
     * @return the provisioning service, to register templates and see provisioned things
     */
    public FleetProvisioningService provisioning() {
        return this.provisioning;
    }

    /**
     * The CA that signs provisioned devices' certificates, made the first time it is needed.
     *
     * @return the emulator's CA
     */
    public CertificateAuthority certificateAuthority() {
        return this.provisioning.certificateAuthority();
    }

    /**
     * Returns the requests received so far, oldest first, as they came on the wire.
     *
     * @return a snapshot of the recorded requests
     */
    public List<RecordedRequest> recordedRequests() {
        return this.dispatcher.recorded();
    }

    /** Forgets the recorded requests. */
    public void clearRecordedRequests() {
        this.dispatcher.clearRecorded();
    }

    /**
     * Makes the next request fail with the service's internal error (shadow 500, jobs
     * {@code InternalError}, provisioning 500 {@code InternalFailure}), to test a device's handling of it.
     */
    public void failNextRequest() {
        this.dispatcher.failNext();
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return this.closed;
    }

    /** Disconnects from the broker and stops handling requests; state is lost. Idempotent. */
    @Override
    public void close() {
        this.closed = true;
        this.worker.shutdownNow();
        this.client.close();
    }

    private List<String> requestFilters() {
        return this.dispatcher.filters();
    }

    private void onRequest(PublishPacket publish) {
        this.dispatcher.dispatch(publish);
    }

    /** Completes {@code connected} on the first connection (or fails it), and subscribes again after a reconnection. */
    private final class ConnectionWatch implements LifecycleListener {

        @Override
        public void onConnectionSuccess(ConnectionSuccessEvent event) {
            // A reconnection without the session (a restarted broker) has lost the subscriptions.
            if (!connected.complete(null) && !event.connAck().sessionPresent()) {
                subscribe().thenAccept(AwsIotEmulator.this::checkSubscribed).exceptionally((failure) -> {
                    logger.warn("AWS IoT emulator could not subscribe again after reconnecting: {}", failure.toString());
                    return null;
                });
            }
        }

        @Override
        public void onConnectionFailure(ConnectionFailureEvent event) {
            if (!connected.isDone()) {
                connected.completeExceptionally(new IllegalStateException(String.valueOf(event)));
            }
        }
    }

    /** Settings of an {@link AwsIotEmulator}. */
    public static final class Builder {

        private String host = "localhost";

        private int port = 1883;

        private String clientId = "aws-iot-emulator-" + UUID.randomUUID();

        private Duration serviceLatency = Duration.ZERO;

        private int maxInFlightRequests = 10;

        private int maxShadowStateBytes = 8 * 1024;

        private Clock clock = Clock.systemUTC();

        private CertificateAuthority authority;

        private Builder() {
        }

        /**
         * The CA that signs provisioned certificates (default: a new one made when first needed, by
         * a provisioning request or certificateAuthority()); give one made beforehand when a
         * broker's mutual TLS listener must trust it.
         */
        public Builder certificateAuthority(CertificateAuthority authority) {
            this.authority = Objects.requireNonNull(authority, "authority must not be null");
            return this;
        }

        /** The broker's host (default localhost). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host must not be null");
            return this;
        }

        /** The broker's plain TCP port (default 1883). */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The emulator's MQTT client id (default {@code aws-iot-emulator-<uuid>}). */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId must not be null");
            return this;
        }

        /**
         * How long the services take to answer each request (default zero); with a latency,
         * requests can be in flight together, enough to reach the in-flight limit.
         */
        public Builder serviceLatency(Duration latency) {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("serviceLatency must not be negative, was " + latency);
            }
            this.serviceLatency = latency;
            return this;
        }

        /**
         * How many requests for one thing may be in flight before further ones are throttled
         * (default 10, the Device Shadow service's limit per connection).
         */
        public Builder maxInFlightRequests(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("maxInFlightRequests must be at least 1, was " + limit);
            }
            this.maxInFlightRequests = limit;
            return this;
        }

        /** The largest shadow state (desired plus reported JSON, without metadata) in bytes (default 8 KiB). */
        public Builder maxShadowStateBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxShadowStateBytes must be positive, was " + bytes);
            }
            this.maxShadowStateBytes = bytes;
            return this;
        }

        /** The clock of timestamps (default the system clock in UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Creates the emulator; {@link AwsIotEmulator#start()} connects it.
         *
         * @return the emulator, not yet connected
         */
        public AwsIotEmulator build() {
            return new AwsIotEmulator(this);
        }
    }
}
