package dev.mqtt5.spring.metrics;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.spring.core.Mqtt5ClientEvents;
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
     * @param clientEvents the events of the clients that expose them
     */
    public Mqtt5ClientMetricsBinder(Map<String, Mqtt5Client> clients, Collection<? extends Mqtt5ClientEvents> clientEvents) {
        clients.forEach((name, client) -> {
            Mqtt5ClientEvents events = clientEvents.stream().filter((e) -> e.isTracking(client)).findFirst()
                .orElse(null);
            this.metrics.put(name, new Mqtt5ClientMetrics(client, name, events));
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
