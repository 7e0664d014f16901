package dev.mqtt5.spring.metrics;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.PublishObserver;
import dev.mqtt5.client.exception.ClientStoppedException;
import dev.mqtt5.client.exception.OperationTimeoutException;
import dev.mqtt5.client.exception.PublishFailedException;
import dev.mqtt5.client.lifecycle.AttemptingConnectEvent;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.spring.core.Mqtt5ClientEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of one {@link Mqtt5Client}, tagged {@code client=<bean name>}.
 *
 * <ul>
 * <li>gauges {@code mqtt5.client.operations.incomplete.count|size},
 * {@code mqtt5.client.operations.unacked.count|size} (the client's operation statistics) and
 * {@code mqtt5.client.connected} (1 or 0);</li>
 * <li>counters {@code mqtt5.client.connection.attempts}, {@code mqtt5.client.connection.failures}
 * and {@code mqtt5.client.disconnections} (tagged {@code reason}), and
 * {@code mqtt5.client.publishes.received} (tagged {@code qos}), fed by the client's
 * {@link Mqtt5ClientEvents} when there are any (the auto-configured client has them);</li>
 * <li>counter {@code mqtt5.client.publishes.sent} and timer {@code mqtt5.client.publish.ack.latency}
 * (tagged {@code qos} and {@code outcome}) for every publish, from the client's publish observer.</li>
 * </ul>
 */
public class Mqtt5ClientMetrics implements MeterBinder {

    private static final String PREFIX = "mqtt5.client.";

    private final Mqtt5Client client;

    private final Mqtt5ClientEvents events;

    private final Tags tags;


    /**
     * Creates the binder.
     *
     * @param client the client
     * @param name the client's bean name, the value of the {@code client} tag
     * @param events the client's events, or null when no one exposes them
     *     (only the gauges are then registered)
     */
    public Mqtt5ClientMetrics(Mqtt5Client client, String name, Mqtt5ClientEvents events) {
        this.client = client;
        this.events = events;
        this.tags = Tags.of("client", name);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PREFIX + "operations.incomplete.count", this.client,
                (c) -> c.operationStatistics().incompleteOperationCount())
            .tags(this.tags).description("Operations submitted and not yet complete").register(registry);
        Gauge.builder(PREFIX + "operations.incomplete.size", this.client,
                (c) -> c.operationStatistics().incompleteOperationSize())
            .tags(this.tags).baseUnit("bytes").description("Encoded size of the incomplete operations").register(registry);
        Gauge.builder(PREFIX + "operations.unacked.count", this.client,
                (c) -> c.operationStatistics().unackedOperationCount())
            .tags(this.tags).description("Operations written and awaiting an acknowledgement").register(registry);
        Gauge.builder(PREFIX + "operations.unacked.size", this.client,
                (c) -> c.operationStatistics().unackedOperationSize())
            .tags(this.tags).baseUnit("bytes").description("Encoded size of the unacknowledged operations").register(registry);
        Gauge.builder(PREFIX + "connected", this.client, (c) -> (c.state() == ClientState.CONNECTED) ? 1 : 0)
            .tags(this.tags).description("Whether the client is connected (1) or not (0)").register(registry);
        if (this.events != null) {
            this.events.addLifecycleListener(new ConnectionCounters(registry));
            this.events.addPublishObserver(new PublishMeters(registry));
        }
    }

    /** Counts every publish sent (by QoS and outcome, with its latency) and received (by QoS). */
    private final class PublishMeters implements PublishObserver {

        private final MeterRegistry meters;

        PublishMeters(MeterRegistry meters) {
            this.meters = meters;
        }

        @Override
        public void publishCompleted(PublishPacket publish, PublishResult result, Throwable failure, long nanos) {
            Tags outcome = Mqtt5ClientMetrics.this.tags.and("qos", qos(publish.qos()), "outcome",
                    outcome(result, failure));
            Counter.builder(PREFIX + "publishes.sent").tags(outcome).description("Publishes completed, by outcome")
                .register(this.meters).increment();
            Timer.builder(PREFIX + "publish.ack.latency").tags(outcome)
                .description("Time from publish to its acknowledgement (QoS 0: until written)")
                .register(this.meters).record(nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void publishReceived(PublishPacket publish) {
            Counter.builder(PREFIX + "publishes.received").tags(Mqtt5ClientMetrics.this.tags)
                .tag("qos", qos(publish.qos())).description("Publishes received")
                .register(this.meters).increment();
        }
    }

    private static String qos(QoS qos) {
        return String.valueOf((qos != null) ? qos.value() : 0);
    }

    private static String outcome(PublishResult published, Throwable failure) {
        Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
                : failure;
        if (cause == null) {
            return published.isError() ? "refused" : "success";
        }
        if (cause instanceof PublishFailedException) {
            return "refused";
        }
        if (cause instanceof OperationTimeoutException) {
            return "timeout";
        }
        if (cause instanceof ClientStoppedException) {
            return "stopped";
        }
        return "failed";
    }

    private static String reason(Throwable cause, Enum<?> reasonCode) {
        if (reasonCode != null) {
            return reasonCode.name();
        }
        return (cause != null) ? cause.getClass().getSimpleName() : "UNKNOWN";
    }

    private final class ConnectionCounters implements LifecycleListener {

        private final MeterRegistry registry;

        ConnectionCounters(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void onAttemptingConnect(AttemptingConnectEvent event) {
            Counter.builder(PREFIX + "connection.attempts").tags(tags).description("Connection attempts")
                .register(this.registry).increment();
        }

        @Override
        public void onConnectionFailure(ConnectionFailureEvent event) {
            String reason = reason(event.cause(), (event.connAck() != null) ? event.connAck().reasonCode() : null);
            Counter.builder(PREFIX + "connection.failures").tags(tags).tag("reason", reason)
                .description("Failed connection attempts, by reason").register(this.registry).increment();
        }

        @Override
        public void onDisconnection(DisconnectionEvent event) {
            String reason = reason(event.cause(), (event.disconnect() != null) ? event.disconnect().reasonCode() : null);
            Counter.builder(PREFIX + "disconnections").tags(tags).tag("reason", reason)
                .description("Ended connections, by reason").register(this.registry).increment();
        }
    }
}
