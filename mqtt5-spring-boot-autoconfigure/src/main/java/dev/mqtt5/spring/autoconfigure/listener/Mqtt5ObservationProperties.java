package dev.mqtt5.spring.autoconfigure.listener;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether publishes by the template and listener invocations are observed
 * ({@code aws.iot.mqtt5.observation-enabled}); kept apart from {@code Mqtt5Properties}, which
 * binds the same prefix.
 */
@ConfigurationProperties("aws.iot.mqtt5")
public class Mqtt5ObservationProperties {

    /**
     * Whether template publishes and listener invocations create Micrometer observations (timers,
     * and spans with W3C trace context carried in MQTT 5 user properties when tracing is present).
     */
    private boolean observationEnabled;

    public boolean isObservationEnabled() {
        return this.observationEnabled;
    }

    public void setObservationEnabled(boolean observationEnabled) {
        this.observationEnabled = observationEnabled;
    }
}
