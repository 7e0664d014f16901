package dev.mqtt5.sample;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** The JSON messages between the service and the thermostats. */
final class Messages {

    private Messages() {
    }

    /** A thermostat's report, on {@code fleet/<deviceId>/telemetry}. */
    record Telemetry(@DecimalMin("-40") @DecimalMax("85") double temperature, double target, @NotNull String mode) {
    }

    /** A command to a thermostat, on {@code fleet/<deviceId>/commands}. */
    record SetTarget(double target) {
    }

    /** A thermostat's answer to a command, published to the command's response topic. */
    record CommandReply(String deviceId, String status, double target) {
    }
}
