package dev.mqtt5.spring.docs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.spring.aws.iot.JobHandler;
import dev.mqtt5.spring.aws.iot.ShadowDeltaHandler;
import dev.mqtt5.spring.core.Mqtt5Headers;
import dev.mqtt5.spring.core.Mqtt5Template;
import dev.mqtt5.spring.integration.Mqtt5;
import dev.mqtt5.spring.listener.Mqtt5Listener;
import dev.mqtt5.spring.listener.TopicVariable;
import dev.mqtt5.spring.listener.UserProperty;
import dev.mqtt5.spring.test.EmbeddedMqtt5Broker;
import jakarta.validation.Valid;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;

/**
 * The Java code of the top-level README.md, compiled with this module's tests: each README block
 * is the region of the same tag here ({@code ReadmeSnippetsTests} checks that they match), and
 * these imports are the ones it needs. Never run: it only has to compile.
 */
@SuppressWarnings("unused")
final class SpringReadmeSnippets {

    record Telemetry(double celsius) {
    }

    record SetTarget(double target) {
    }

    record CommandReply(String deviceId, String status, double target) {
    }

    record Order(String id) {
    }

    // tag::embedded-broker-test[]
    @SpringBootTest
    @EmbeddedMqtt5Broker
    class DeviceTests {
        @Autowired Mqtt5Client client;   // connected to a broker in this JVM
    }
    // end::embedded-broker-test[]

    // tag::aws-iot-emulator-test[]
    @SpringBootTest
    @EmbeddedMqtt5Broker(awsIot = true)
    class ShadowAndJobsTests {
        @Autowired AwsIotEmulator aws;   // Device Shadow, Jobs and Fleet Provisioning on that broker

        void theDeviceFollowsTheCloud() {
            aws.shadows().updateDesired("device-1", null, "{\"led\":\"on\"}");  // -> .../shadow/update/delta
            aws.jobs().createJob("device-1", "job-1", "{\"op\":\"reboot\"}");   // -> .../jobs/notify-next
        }
    }
    // end::aws-iot-emulator-test[]

    record Thermostat(Double target, String mode) {
    }

    record ModeJob(String mode) {
    }

    static class Device {

        // tag::aws-iot-handlers[]
        @ShadowDeltaHandler                         // the thing's classic shadow
        Thermostat applyDesired(Thermostat delta) {  // only what differs from reported is set
            // heater.setTarget(delta.target());
            return new Thermostat(delta.target(), null);  // reported; null fields are left out
        }

        @JobHandler("set-mode")                     // jobs whose document says "operation": "set-mode"
        Map<String, String> setMode(ModeJob job) {
            // heater.setMode(job.mode());
            return Map.of("mode", job.mode());      // SUCCEEDED with these status details
        }
        // end::aws-iot-handlers[]
    }

    static class Listeners {

        // tag::listener[]
        @Mqtt5Listener(topics = "fleet/{deviceId}/telemetry", qos = QoS.AT_LEAST_ONCE)
        void onTelemetry(@TopicVariable("deviceId") String deviceId, @Valid Telemetry telemetry,
                @Header(Mqtt5Headers.RECEIVED_TOPIC) String topic, @UserProperty("tenant") String tenant) {
            // ...
        }
        // end::listener[]

        // tag::reply[]
        @Mqtt5Listener(topics = "fleet/{deviceId}/commands")
        CommandReply onCommand(@TopicVariable("deviceId") String deviceId, SetTarget command) {
            return new CommandReply(deviceId, "accepted", command.target());
        }
        // end::reply[]

        // tag::shared-listener[]
        @Mqtt5Listener(topics = "orders/+/created", group = "order-workers", qos = QoS.AT_LEAST_ONCE)
        void onOrder(Order order) { /* ... */ }   // $share/order-workers/orders/+/created on every instance
        // end::shared-listener[]
    }

    void template(Mqtt5Template template, byte[] bytes, Object config) {
        // tag::template[]
        template.publish("fleet/t-1/telemetry", "21.5");                      // CompletableFuture<PublishResult>
        template.publishSync(PublishPacket.builder().topic("a/b").payload(bytes).build());
        template.convertAndSend("fleet/t-1/config", config,                    // JSON, waits for the PUBACK
                Map.of(Mqtt5Headers.MESSAGE_EXPIRY_INTERVAL, Duration.ofMinutes(5), "tenant", "acme"));
        // end::template[]
    }

    void requestResponse(Mqtt5Template template, Object command) {
        // tag::request-response[]
        CommandReply reply = template.convertSendAndReceive("fleet/t-1/commands", new SetTarget(22.0),
                CommandReply.class, Duration.ofSeconds(5));                    // Mqtt5ReplyTimeoutException if none
        CompletableFuture<Message<byte[]>> async = template.sendAndReceive("fleet/t-1/commands", command, Duration.ofSeconds(5));
        // end::request-response[]
    }

    static class Flows {

        // tag::integration-flow[]
        @Bean
        IntegrationFlow bridge(Mqtt5Client client) {
            return IntegrationFlow.from(Mqtt5.inboundAdapter(client, "sensors/+/raw").payloadType(String.class))
                .<String, String>transform(String::trim)
                .handle(Mqtt5.outboundAdapter(client).defaultTopic("sensors/clean"))
                .get();
        }
        // end::integration-flow[]
    }
}
