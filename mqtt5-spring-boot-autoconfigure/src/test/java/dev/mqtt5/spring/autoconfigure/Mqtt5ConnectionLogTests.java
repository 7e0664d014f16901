package dev.mqtt5.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.mqtt5.client.testing.FreePorts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * With Spring Boot's default logging, an application whose broker is down says so: the client's
 * connection log reaches the console at WARN, one line per failure, no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class Mqtt5ConnectionLogTests {

    @Test
    void aBrokerThatIsDownIsAWarnLineWithTheDefaultLoggingConfiguration(CapturedOutput output) {
        int port = FreePorts.allocate(1).get(0);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .properties("aws.iot.mqtt5.endpoint=127.0.0.1", "aws.iot.mqtt5.port=" + port,
                    "aws.iot.mqtt5.client-id=down-broker-app", "aws.iot.mqtt5.reconnect.min-delay=100ms",
                    "aws.iot.mqtt5.reconnect.max-delay=200ms")
            .run()) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains(
                    "MQTT client 'down-broker-app' could not connect to 127.0.0.1:" + port + ": "));
            String line = output.getOut().lines().filter((l) -> l.contains("could not connect to")).findFirst()
                .orElseThrow();
            assertThat(line).contains(" WARN ").contains("dev.mqtt5.client.Mqtt5Client").contains("refused");
            // One line: the next line of the output is not a stack trace.
            assertThat(output.getOut()).doesNotContain("\tat io.netty");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(Mqtt5AutoConfiguration.class)
    static class App {

    }
}
