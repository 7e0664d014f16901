package dev.mqtt5.sample;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** The JSON messages between the service and the thermostats. */
final class Messages {

    private Messages() {
    }

    /**
     * A thermostat's report, on {@code fleet/<deviceId>/telemetry}: {@code mode} is heating or idle,
     * {@code preset} the mode a set-mode job gave it (eco or comfort; absent from older devices).
     */
    record Telemetry(@DecimalMin("-40") @DecimalMax("85") double temperature, double target, @NotNull String mode,
            String preset) {
    }

    /** A command to a thermostat, on {@code fleet/<deviceId>/commands}. */
    record SetTarget(double target) {
    }

    /** A thermostat's answer to a command, published to the command's response topic. */
    record CommandReply(String deviceId, String status, double target) {
    }

    /** A thermostat's Device Shadow state, desired or reported: {@code {"target": 23.0}}. */
    record ThermostatState(Double target) {
    }

    /** The document of a set-mode job: {@code {"operation":"set-mode","thermostat":"thermostat-1","mode":"eco"}}. */
    record SetModeJob(String operation, String thermostat, String mode) {
    }

    /** The body of {@code POST /thermostats/{id}/target}. */
    record TargetRequest(@NotNull @DecimalMin("5") @DecimalMax("35") Double target) {
    }

    /** The body of {@code POST /thermostats/{id}/jobs/set-mode}: any mode, the thermostat decides (eco, comfort). */
    record SetModeRequest(@NotBlank String mode) {
    }
}
