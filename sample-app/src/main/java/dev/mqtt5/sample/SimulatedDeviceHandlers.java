package dev.mqtt5.sample;

import java.util.Map;

import dev.mqtt5.spring.aws.iot.JobHandler;
import dev.mqtt5.spring.aws.iot.ShadowDeltaHandler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * The device side of the simulated thermostats' Device Shadows and jobs.
 *
 * <p>Each thermostat is its own AWS IoT thing and keeps its target temperature in its classic
 * shadow: a {@code @ShadowDeltaHandler} per thing applies a desired target that differs from the
 * reported one and returns the state to report. A real thermostat runs one such method, with no
 * {@code thingName} (its own thing, the client id); the three simulated ones share this
 * application, so each method names its thing (at most three: {@code sample.devices}).
 *
 * <p>Jobs go to the application's own thing ({@code fleet-service}, the thermostats' gateway here):
 * a {@code set-mode} job's document names the thermostat and the mode; the returned map becomes the
 * SUCCEEDED execution's status details, an exception makes it FAILED with the message as reason.
 */
@Component
@ConditionalOnExpression("${sample.devices:0} > 0")
class SimulatedDeviceHandlers {

    private final DeviceSimulator devices;

    SimulatedDeviceHandlers(DeviceSimulator devices) {
        this.devices = devices;
    }

    @ShadowDeltaHandler(thingName = "thermostat-1")
    Messages.ThermostatState thermostat1(Messages.ThermostatState delta) {
        return apply("thermostat-1", delta);
    }

    @ShadowDeltaHandler(thingName = "thermostat-2")
    Messages.ThermostatState thermostat2(Messages.ThermostatState delta) {
        return apply("thermostat-2", delta);
    }

    @ShadowDeltaHandler(thingName = "thermostat-3")
    Messages.ThermostatState thermostat3(Messages.ThermostatState delta) {
        return apply("thermostat-3", delta);
    }

    @JobHandler("set-mode")
    Map<String, String> setMode(Messages.SetModeJob job) {
        this.devices.applyPreset(job.thermostat(), job.mode());
        return Map.of("thermostat", job.thermostat(), "mode", job.mode());
    }

    /** Applies the delta's target, if it has one, and reports the target the thermostat now has. */
    private Messages.ThermostatState apply(String deviceId, Messages.ThermostatState delta) {
        if (delta.target() == null) {
            return new Messages.ThermostatState(null); // another field changed: nothing a thermostat knows
        }
        return new Messages.ThermostatState(this.devices.applyTarget(deviceId, delta.target()));
    }
}
