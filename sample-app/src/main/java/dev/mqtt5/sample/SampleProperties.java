package dev.mqtt5.sample;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sample ({@code sample.*}).
 *
 * @param devices how many thermostats the simulator runs (0 turns it off, e.g. against real devices;
 * at most 3, the shadows {@link SimulatedDeviceHandlers} handles)
 * @param telemetryInterval how often each simulated thermostat reports
 * @param commandInterval how often the service sends a set-point command
 * @param commandTimeout how long the service waits for a device's answer
 * @param targetInterval how often the service sets a new desired target in a simulated thermostat's shadow
 */
@ConfigurationProperties("sample")
@Validated
public record SampleProperties(@Min(0) @Max(3) int devices, Duration telemetryInterval, Duration commandInterval,
        Duration commandTimeout, Duration targetInterval) {
}
