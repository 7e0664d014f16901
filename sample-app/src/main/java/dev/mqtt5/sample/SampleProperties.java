package dev.mqtt5.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample ({@code sample.*}).
 *
 * @param devices how many thermostats the simulator runs (0 turns it off, e.g. against real devices)
 * @param telemetryInterval how often each simulated thermostat reports
 * @param commandInterval how often the service sends a set-point command
 * @param commandTimeout how long the service waits for a device's answer
 */
@ConfigurationProperties("sample")
public record SampleProperties(int devices, Duration telemetryInterval, Duration commandInterval,
        Duration commandTimeout) {
}
