package dev.mqtt5.sample;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.mqtt5.spring.core.Mqtt5Template;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code sample.command-interval}, sends a new set-point to one device that has reported and
 * waits for its answer over MQTT 5 request/response.
 */
@Component
class CommandSender {

    private static final Log logger = LogFactory.getLog(CommandSender.class);

    private final Mqtt5Template template;

    private final FleetState fleet;

    private final SampleProperties properties;

    CommandSender(Mqtt5Template template, FleetState fleet, SampleProperties properties) {
        this.template = template;
        this.fleet = fleet;
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "${sample.command-interval}", fixedDelayString = "${sample.command-interval}")
    void sendCommand() {
        List<String> devices = List.copyOf(this.fleet.latest().keySet());
        if (devices.isEmpty()) {
            return;
        }
        String deviceId = devices.get(ThreadLocalRandom.current().nextInt(devices.size()));
        double target = 18 + ThreadLocalRandom.current().nextInt(8);
        long start = System.nanoTime();
        try {
            Messages.CommandReply reply = this.template.convertSendAndReceive("fleet/" + deviceId + "/commands",
                    new Messages.SetTarget(target), Messages.CommandReply.class, this.properties.commandTimeout());
            this.fleet.recordAnswer(true);
            logger.info(String.format("Command set-target %.1f to %s answered: %s in %d ms", target, deviceId,
                    reply.status(), (System.nanoTime() - start) / 1_000_000));
        } catch (RuntimeException ex) {
            this.fleet.recordAnswer(false);
            logger.warn("Command to " + deviceId + " failed: " + ex.getMessage());
        }
    }
}
