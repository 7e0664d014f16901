package dev.mqtt5.aws.iot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.mqtt5.client.testing.MosquittoExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The Device Shadow service's rejections, on mosquitto, with a service latency so that requests
 * can be in flight together: the documented 400 messages, 413, 429, 500; and the recorded requests.
 */
class ShadowErrorTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static final Duration LATENCY = Duration.ofMillis(150);

    static AwsIotEmulator emulator;

    TestDevice device;

    String prefix;

    @BeforeAll
    static void startEmulator() {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .serviceLatency(LATENCY).maxShadowStateBytes(1024).build().start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void connectDevice() {
        prefix = "$aws/things/thing-" + UUID.randomUUID() + "/shadow";
        device = TestDevice.connect(MOSQUITTO.broker().host(), MOSQUITTO.broker().tcpPort());
        device.subscribe(prefix + "/update/accepted", prefix + "/update/rejected", prefix + "/get/rejected");
    }

    @AfterEach
    void closeDevice() {
        device.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not json                                        | Invalid JSON",
        "[1,2]                                           | Invalid JSON",
        "{\"clientToken\":\"t\"}                         | Missing required node: state",
        "{\"state\":5}                                   | State node must be an object",
        "{\"state\":{\"desired\":[1]}}                   | Desired node must be an object",
        "{\"state\":{\"reported\":\"x\"}}                | Reported node must be an object",
        "{\"state\":{\"delta\":{\"a\":1}}}               | State contains an invalid node",
        "{\"state\":{\"reported\":{}},\"version\":\"x\"} | Invalid version",
        "{\"state\":{\"reported\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":1}}}}}}}}} | JSON contains too many levels of nesting; maximum is 6",
    })
    void aMalformedUpdateIsRejectedWith400AndTheDocumentedMessage(String payload, String message) {
        JsonNode error = device.request(prefix + "/update", payload, prefix + "/update/rejected");

        assertThat(error.get("code").asInt()).isEqualTo(400);
        assertThat(error.get("message").asString()).isEqualTo(message);
    }

    @Test
    void aClientTokenLongerThan64BytesIsRejectedWith400() {
        JsonNode error = device.request(prefix + "/get", "{\"clientToken\":\"" + "x".repeat(65) + "\"}",
                prefix + "/get/rejected");

        assertThat(error.get("code").asInt()).isEqualTo(400);
        assertThat(error.get("message").asString()).isEqualTo("Invalid clientToken");
    }

    @Test
    void aStateOverTheSizeLimitIsRejectedWith413AndTheShadowKeepsItsState() {
        device.request(prefix + "/update", "{\"state\":{\"reported\":{\"small\":1}}}", prefix + "/update/accepted");
        String big = "x".repeat(600);

        device.request(prefix + "/update", "{\"state\":{\"reported\":{\"a\":\"" + big + "\"}}}", prefix + "/update/accepted");
        JsonNode error = device.request(prefix + "/update",
                "{\"state\":{\"desired\":{\"b\":\"" + big + "\"}},\"clientToken\":\"big\"}", prefix + "/update/rejected");

        assertThat(error.get("code").asInt()).isEqualTo(413);
        assertThat(error.get("message").asString()).isEqualTo("The payload exceeds the maximum size allowed");
        assertThat(error.get("clientToken").asString()).isEqualTo("big");
        JsonNode next = device.request(prefix + "/update", "{\"state\":{\"reported\":{\"small\":2}}}",
                prefix + "/update/accepted");
        assertThat(next.get("version").asLong()).isEqualTo(3);
    }

    @Test
    void moreThanTenRequestsInFlightForAThingAreThrottledWith429() {
        for (int i = 0; i < 12; i++) {
            device.publish(prefix + "/update", "{\"state\":{\"reported\":{\"n\":" + i + "}},\"clientToken\":\"n" + i + "\"}");
        }

        List<String> throttled = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode error = device.await(prefix + "/update/rejected");
            assertThat(error.get("code").asInt()).isEqualTo(429);
            throttled.add(error.get("clientToken").asString());
        }
        assertThat(throttled).containsExactly("n10", "n11");
        for (int i = 0; i < 10; i++) {
            assertThat(device.await(prefix + "/update/accepted").get("clientToken").asString()).isEqualTo("n" + i);
        }
    }

    @Test
    void anInjectedInternalFailureIsRejectedWith500() {
        emulator.failNextRequest();

        JsonNode error = device.request(prefix + "/get", "{\"clientToken\":\"boom\"}", prefix + "/get/rejected");

        assertThat(error.get("code").asInt()).isEqualTo(500);
        assertThat(error.get("clientToken").asString()).isEqualTo("boom");
        assertThat(device.request(prefix + "/get", "{}", prefix + "/get/rejected").get("code").asInt()).isEqualTo(404);
    }

    @Test
    void everyRequestIsRecordedAsItCameOnTheWire() {
        String payload = "{ \"state\" : {\"reported\":{\"spaced\" : true}} }";

        device.request(prefix + "/update", payload, prefix + "/update/accepted");

        assertThat(emulator.recordedRequests()).filteredOn((request) -> request.topic().equals(prefix + "/update"))
                .singleElement().satisfies((request) -> assertThat(request.payloadAsString()).isEqualTo(payload));
    }
}
