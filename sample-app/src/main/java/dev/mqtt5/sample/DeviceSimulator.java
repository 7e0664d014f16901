package dev.mqtt5.sample;

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
 */
@Component
@ConditionalOnExpression("${sample.devices:0} > 0")
class DeviceSimulator {

    private final Mqtt5Template template;

    private final Map<String, Double> targets = new ConcurrentHashMap<>();

    DeviceSimulator(Mqtt5Template template, SampleProperties properties) {
        this.template = template;
        for (int i = 1; i <= properties.devices(); i++) {
            this.targets.put("thermostat-" + i, 21.0);
        }
    }

    @Scheduled(fixedDelayString = "${sample.telemetry-interval}")
    void report() {
        this.targets.forEach((deviceId, target) -> {
            double temperature = target + ThreadLocalRandom.current().nextDouble(-1.5, 1.5);
            String mode = (temperature < target) ? "heating" : "idle";
            this.template.convertAndSendAsync("fleet/" + deviceId + "/telemetry",
                    new Messages.Telemetry(Math.round(temperature * 10) / 10.0, target, mode), Map.of());
        });
    }

    @Mqtt5Listener(id = "simulated-devices", topics = "fleet/{deviceId}/commands")
    Messages.CommandReply onCommand(@TopicVariable("deviceId") String deviceId, Messages.SetTarget command) {
        if (this.targets.replace(deviceId, command.target()) == null) {
            return new Messages.CommandReply(deviceId, "unknown-device", command.target());
        }
        return new Messages.CommandReply(deviceId, "accepted", command.target());
    }
}
