package dev.mqtt5.aws.iot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.testing.MosquittoExtension;
import dev.mqtt5.spring.test.EmbeddedMqttBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.iot.iotshadow.IotShadowV2Client;
import software.amazon.awssdk.iot.iotshadow.model.GetNamedShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.GetShadowResponse;
import tools.jackson.databind.JsonNode;

/**
 * What the emulator relies on from a broker, checked on both: clients may publish to and
 * subscribe to {@code $aws/...} topics with explicit filters (wildcards after the first level).
 * Mosquitto does not match them with a filter that starts with a wildcard (MQTT 5 section
 * 4.7.2); HiveMQ does. And a smoke test of every service on the embedded HiveMQ broker.
 */
class AwsTopicsOnBrokersTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static EmbeddedMqttBroker hiveMq;

    @BeforeAll
    static void startHiveMq() {
        hiveMq = EmbeddedMqttBroker.start(0);
    }

    @AfterAll
    static void stopHiveMq() {
        hiveMq.close();
    }

    @Test
    void mosquittoRoutesAwsTopicsToExplicitFiltersOnly() throws InterruptedException {
        assertAwsTopicsRoute(MOSQUITTO.broker().host(), MOSQUITTO.broker().tcpPort(), false);
    }

    @Test
    void hiveMqRoutesAwsTopicsToExplicitFiltersAndAlsoToFiltersStartingWithAWildcard() throws InterruptedException {
        // HiveMQ CE 2025.5, once it accepts '$' topics at all (EmbeddedMqttBroker turns that on),
        // matches them with '#' and '+/...' too, against MQTT 5 section 4.7.2: a client
        // subscribed to '#' there sees the AWS IoT traffic. The emulator uses explicit filters.
        assertAwsTopicsRoute(hiveMq.getHost(), hiveMq.getPort(), true);
    }

    @Test
    void everyServiceAnswersOnTheEmbeddedHiveMqBroker() {
        String thing = "hive-" + UUID.randomUUID();
        String shadow = "$aws/things/" + thing + "/shadow";
        String jobs = "$aws/things/" + thing + "/jobs";
        try (AwsIotEmulator emulator = AwsIotEmulator.builder().host(hiveMq.getHost()).port(hiveMq.getPort()).build()
                .start(); TestDevice device = TestDevice.connect(hiveMq.getHost(), hiveMq.getPort())) {
            device.subscribe(shadow + "/update/accepted", shadow + "/update/delta", shadow + "/get/accepted",
                    jobs + "/start-next/accepted", jobs + "/notify-next", "$aws/certificates/create/json/accepted");
            emulator.provisioning().registerTemplate(ProvisioningTemplate.of("t", "x"));
            emulator.jobs().createJob(thing, "job-1", "{\"op\":\"reboot\"}");

            assertThat(device.await(jobs + "/notify-next").at("/execution/jobId").asString()).isEqualTo("job-1");
            device.publish(shadow + "/update", "{\"state\":{\"desired\":{\"on\":true}}}");
            assertThat(device.await(shadow + "/update/accepted").get("version").asLong()).isEqualTo(1);
            assertThat(device.await(shadow + "/update/delta").at("/state/on").asBoolean()).isTrue();
            JsonNode started = device.request(jobs + "/start-next", "{}", jobs + "/start-next/accepted");
            assertThat(started.at("/execution/status").asString()).isEqualTo("IN_PROGRESS");
            JsonNode created = device.request("$aws/certificates/create/json", "{}",
                    "$aws/certificates/create/json/accepted");
            assertThat(created.get("certificatePem").asString()).startsWith("-----BEGIN CERTIFICATE-----");
        }
    }

    @Test
    void theAwsIotDeviceSdksShadowClientWorksOnTheEmbeddedHiveMqBroker() throws Exception {
        String thing = "hive-sdk-" + UUID.randomUUID();
        try (AwsIotEmulator emulator = AwsIotEmulator.builder().host(hiveMq.getHost()).port(hiveMq.getPort()).build()
                .start(); SdkConnection sdk = SdkConnection.connect(hiveMq.getHost(), hiveMq.getPort());
                IotShadowV2Client shadows = IotShadowV2Client.newFromMqtt5(sdk.client, SdkConnection.REQUEST_RESPONSE)) {
            emulator.shadows().updateDesired(thing, "config", "{\"mode\":\"eco\"}");
            GetNamedShadowRequest get = new GetNamedShadowRequest();
            get.thingName = thing;
            get.shadowName = "config";

            GetShadowResponse shadow = shadows.getNamedShadow(get).get(10, TimeUnit.SECONDS);

            assertThat(shadow.state.delta).containsEntry("mode", "eco");
            assertThat(shadow.version).isEqualTo(1);
        }
    }

    @Test
    void theEmulatorSubscribesAgainWhenTheBrokerComesBackWithoutItsSession() {
        String shadow = "$aws/things/restart-" + UUID.randomUUID() + "/shadow";
        try (AwsIotEmulator emulator = AwsIotEmulator.builder().host(hiveMq.getHost()).port(hiveMq.getPort()).build()
                .start()) {
            hiveMq.stop();
            hiveMq.restart();
            try (TestDevice device = TestDevice.connect(hiveMq.getHost(), hiveMq.getPort())) {
                device.subscribe(shadow + "/get/rejected");
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    device.publish(shadow + "/get", "{}");
                    assertThat(device.poll(shadow + "/get/rejected")).isNotNull();
                });
            }
        }
    }

    static void assertAwsTopicsRoute(String host, int port, boolean wildcardsMatchDollarTopics)
            throws InterruptedException {
        String topic = "$aws/things/t-" + UUID.randomUUID() + "/shadow/get";
        try (TestDevice publisher = TestDevice.connect(host, port);
                TestDevice explicit = TestDevice.connect(host, port);
                TestDevice hash = TestDevice.connect(host, port);
                TestDevice plus = TestDevice.connect(host, port)) {
            explicit.subscribe("$aws/things/+/shadow/get");
            hash.subscribe("#");
            plus.subscribe("+/things/+/shadow/get");

            publisher.publish(topic, "{}");

            assertThat(explicit.await(topic).isObject()).isTrue();
            assertThat(hash.poll(topic) != null).as("'#' matches " + topic).isEqualTo(wildcardsMatchDollarTopics);
            assertThat(plus.poll(topic) != null).as("'+/things/...' matches " + topic)
                    .isEqualTo(wildcardsMatchDollarTopics);
        }
    }
}
