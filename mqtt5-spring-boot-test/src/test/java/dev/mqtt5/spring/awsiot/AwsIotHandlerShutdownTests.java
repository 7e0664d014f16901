package dev.mqtt5.spring.awsiot;

import java.time.Duration;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import dev.mqtt5.spring.autoconfigure.Mqtt5AutoConfiguration;
import dev.mqtt5.spring.autoconfigure.awsiot.Mqtt5AwsIotAutoConfiguration;
import dev.mqtt5.spring.aws.iot.AwsIotHandlerRegistry;
import dev.mqtt5.spring.aws.iot.JobHandler;
import dev.mqtt5.spring.aws.iot.ShadowDeltaHandler;
import dev.mqtt5.spring.aws.iot.ShadowSyncState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the handlers while their first reads are unanswered (a broker without the AWS IoT
 * services, or a stop right after start): the shadow's catch-up read and the jobs' start-next are
 * abandoned, so the context closes at once instead of waiting for the operation timeout.
 */
@ExtendWith(MosquittoExtension.class)
class AwsIotHandlerShutdownTests {

    @Test
    void unansweredReadsDoNotHoldTheShutdown(MosquittoBroker broker) {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class, Mqtt5AwsIotAutoConfiguration.class))
            .withPropertyValues("aws.iot.mqtt5.endpoint=" + broker.host(), "aws.iot.mqtt5.port=" + broker.tcpPort(),
                    "aws.iot.mqtt5.client-id=silent-1", "aws.iot.mqtt5.iot.operation-timeout=60s")
            .withBean(Device.class)
            .run((context) -> {
                Mqtt5Client client = context.getBean(Mqtt5Client.class);
                AwsIotHandlerRegistry registry = context.getBean(AwsIotHandlerRegistry.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ClientState.CONNECTED);
                // The stream is in place and the catch-up read is waiting for a reply nobody sends.
                await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> registry.shadowStates().get("silent-1") == ShadowSyncState.UNKNOWN);
                long started = System.nanoTime();
                registry.stop();
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("stop waits for no unanswered read (the operation timeout is 60 s)")
                    .isLessThan(Duration.ofSeconds(10));
            });
    }

    static class Device {

        @ShadowDeltaHandler
        JsonNode apply(JsonNode delta) {
            return delta;
        }

        @JobHandler("reboot")
        void reboot(JsonNode document) {
        }
    }
}
