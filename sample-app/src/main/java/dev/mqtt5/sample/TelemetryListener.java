package dev.mqtt5.sample;

import dev.mqtt5.spring.listener.Mqtt5Listener;
import dev.mqtt5.spring.listener.TopicVariable;
import jakarta.validation.Valid;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/** Receives every thermostat's telemetry: JSON payload, device id from the topic. */
@Component
class TelemetryListener {

    private static final Log logger = LogFactory.getLog(TelemetryListener.class);

    private final FleetState fleet;

    TelemetryListener(FleetState fleet) {
        this.fleet = fleet;
    }

    @Mqtt5Listener(id = "telemetry", topics = "fleet/{deviceId}/telemetry")
    void onTelemetry(@TopicVariable("deviceId") String deviceId, @Valid Messages.Telemetry telemetry) {
        this.fleet.recordTelemetry(deviceId, telemetry);
        String preset = (telemetry.preset() != null) ? telemetry.preset() + ", " : "";
        logger.info(String.format("Telemetry from %s: %.1f °C (target %.1f, %s%s)", deviceId, telemetry.temperature(),
                telemetry.target(), preset, telemetry.mode()));
    }
}
