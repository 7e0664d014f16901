package dev.mqtt5.sample;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.spring.core.Mqtt5Template;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code sample.command-interval}, sends a new set-point to one device that has reported and
 * waits for its answer over MQTT 5 request/response. With simulated thermostats, also sets a new
 * desired target in one thermostat's shadow every {@code sample.target-interval} (half degrees, so
 * that they stand out from the commands' whole ones), and queues one set-mode job at startup.
 */
@Component
class CommandSender {

    private static final Log logger = LogFactory.getLog(CommandSender.class);

    private final Mqtt5Template template;

    private final FleetState fleet;

    private final SampleProperties properties;

    private final ThermostatShadows shadows;

    private final SetModeJobs jobs;

    CommandSender(Mqtt5Template template, FleetState fleet, SampleProperties properties, ThermostatShadows shadows,
            SetModeJobs jobs) {
        this.template = template;
        this.fleet = fleet;
        this.properties = properties;
        this.shadows = shadows;
        this.jobs = jobs;
    }

    @EventListener(ApplicationReadyEvent.class)
    void queueSetModeJob() {
        if (this.properties.devices() > 0) {
            this.jobs.queue("thermostat-1", "eco");
        }
    }

    @Scheduled(initialDelayString = "${sample.target-interval}", fixedDelayString = "${sample.target-interval}")
    void setDesiredTarget() {
        if (this.properties.devices() == 0) {
            return; // real thermostats: set their targets from outside (POST /thermostats/{id}/target)
        }
        String deviceId = "thermostat-" + (1 + ThreadLocalRandom.current().nextInt(this.properties.devices()));
        double target = 18.5 + ThreadLocalRandom.current().nextInt(7);
        try {
            this.shadows.setDesiredTarget(deviceId, target).get(this.properties.commandTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (Exception ex) {
            logger.warn("Setting the desired target of " + deviceId + " failed: " + ex);
        }
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
