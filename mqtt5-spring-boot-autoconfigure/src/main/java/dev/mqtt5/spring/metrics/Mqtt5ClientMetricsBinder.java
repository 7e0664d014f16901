package dev.mqtt5.spring.metrics;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.spring.autoconfigure.Mqtt5ConnectionTracker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds one {@link Mqtt5ClientMetrics} per client bean, and finds them again by bean name.
 */
public class Mqtt5ClientMetricsBinder implements MeterBinder {

    private final Map<String, Mqtt5ClientMetrics> metrics = new LinkedHashMap<>();

    /**
     * Creates the binder.
     *
     * @param clients the clients by bean name
     * @param trackers the trackers of auto-configured clients
     */
    public Mqtt5ClientMetricsBinder(Map<String, Mqtt5Client> clients, Collection<Mqtt5ConnectionTracker> trackers) {
        clients.forEach((name, client) -> {
            Mqtt5ConnectionTracker tracker = trackers.stream().filter((t) -> t.isTracking(client)).findFirst()
                .orElse(null);
            this.metrics.put(name, new Mqtt5ClientMetrics(client, name, tracker));
        });
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.metrics.values().forEach((clientMetrics) -> clientMetrics.bindTo(registry));
    }

    /**
     * Returns the meters of a client.
     *
     * @param beanName the client's bean name
     * @return its meters, or null when there is no such client bean
     */
    public Mqtt5ClientMetrics forClient(String beanName) {
        return this.metrics.get(beanName);
    }
}
