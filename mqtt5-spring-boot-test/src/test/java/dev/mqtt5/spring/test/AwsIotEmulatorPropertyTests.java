package dev.mqtt5.spring.test;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aws.iot.mqtt5.embedded-broker.aws-iot-emulator.enabled} starts the AWS IoT emulator on the embedded broker. */
class AwsIotEmulatorPropertyTests {

    @Test
    void thePropertyStartsTheEmulatorAsABeanAndClosingTheContextStopsItAndTheBroker() {
        SpringApplication application = new SpringApplication(DevApplication.class);
        AwsIotEmulator emulator;
        EmbeddedMqttBroker broker;
        try (ConfigurableApplicationContext context = application.run("--aws.iot.mqtt5.embedded-broker.enabled=true",
                "--aws.iot.mqtt5.embedded-broker.aws-iot-emulator.enabled=true", "--aws.iot.mqtt5.auto-startup=false",
                "--spring.main.banner-mode=off")) {
            emulator = context.getBean(AwsIotEmulator.class);
            broker = context.getBean(EmbeddedMqttBroker.class);
            assertThat(emulator.isClosed()).isFalse();
            emulator.shadows().updateDesired("dev-1", null, "{\"on\":true}");
            assertThat(emulator.shadows().document("dev-1", null)).isPresent();
        }
        assertThat(emulator.isClosed()).isTrue();
        assertThat(broker.isClosed()).isTrue();
    }

    @SpringBootApplication
    static class DevApplication {

    }
}
