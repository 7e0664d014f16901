package dev.mqtt5.sample;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import dev.mqtt5.spring.core.Mqtt5Template;
import dev.mqtt5.spring.listener.Mqtt5Listener;
import dev.mqtt5.spring.listener.TopicVariable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pretends to be {@code sample.devices} thermostats: each reports telemetry every
 * {@code sample.telemetry-interval} and answers set-point commands (the reply is the method's
 * return value, published to the command's response topic with its correlation data). A real
 * device would use its own client and certificate; here they share the service's connection.
 * Their shadows and jobs are handled in {@link SimulatedDeviceHandlers}.
 */
@Component
@ConditionalOnExpression("${sample.devices:0} > 0")
class DeviceSimulator {

    private final Mqtt5Template template;

    /** The modes a set-mode job may give a thermostat. */
    static final List<String> PRESETS = List.of("eco", "comfort");

    private final Map<String, Double> targets = new ConcurrentHashMap<>();

    private final Map<String, String> presets = new ConcurrentHashMap<>();

    DeviceSimulator(Mqtt5Template template, SampleProperties properties) {
        this.template = template;
        for (int i = 1; i <= properties.devices(); i++) {
            this.targets.put("thermostat-" + i, 21.0);
            this.presets.put("thermostat-" + i, "comfort");
        }
    }

    @Scheduled(fixedDelayString = "${sample.telemetry-interval}")
    void report() {
        this.targets.forEach((deviceId, target) -> {
            double temperature = target + ThreadLocalRandom.current().nextDouble(-1.5, 1.5);
            String mode = (temperature < target) ? "heating" : "idle";
            this.template.convertAndSendAsync("fleet/" + deviceId + "/telemetry",
                    new Messages.Telemetry(Math.round(temperature * 10) / 10.0, target, mode, this.presets.get(deviceId)),
                    Map.of());
        });
    }

    @Mqtt5Listener(id = "simulated-devices", topics = "fleet/{deviceId}/commands")
    Messages.CommandReply onCommand(@TopicVariable("deviceId") String deviceId, Messages.SetTarget command) {
        if (this.targets.replace(deviceId, command.target()) == null) {
            return new Messages.CommandReply(deviceId, "unknown-device", command.target());
        }
        return new Messages.CommandReply(deviceId, "accepted", command.target());
    }

    /** Sets a thermostat's target (from its shadow's delta); returns it, or throws for a device not simulated. */
    double applyTarget(String deviceId, double target) {
        if (this.targets.replace(deviceId, target) == null) {
            throw new IllegalArgumentException(deviceId + " is not simulated (sample.devices=" + this.targets.size() + ")");
        }
        return target;
    }

    /** Sets a thermostat's mode (from a set-mode job); throws for a device not simulated or another mode. */
    void applyPreset(String deviceId, String preset) {
        if (deviceId == null) {
            throw new IllegalArgumentException("the job names no thermostat");
        }
        if (preset == null || !PRESETS.contains(preset)) {
            throw new IllegalArgumentException("unknown mode '" + preset + "'; a thermostat has " + PRESETS);
        }
        if (this.presets.replace(deviceId, preset) == null) {
            throw new IllegalArgumentException(deviceId + " is not simulated (sample.devices=" + this.targets.size() + ")");
        }
    }
}
