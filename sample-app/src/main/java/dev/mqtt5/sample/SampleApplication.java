package dev.mqtt5.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A small fleet service: receives thermostat telemetry ({@link TelemetryListener}), sends
 * set-point commands and waits for the device's answer ({@link CommandSender}), and simulates a
 * few thermostats itself ({@link DeviceSimulator}) so that the demo is alive with nothing installed.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
