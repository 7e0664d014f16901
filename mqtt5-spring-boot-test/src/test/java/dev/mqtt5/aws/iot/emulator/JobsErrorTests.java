package dev.mqtt5.aws.iot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import dev.mqtt5.client.testing.MosquittoExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The Jobs API's rejections with their named codes, on mosquitto, with a service latency for throttling. */
class JobsErrorTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static AwsIotEmulator emulator;

    TestDevice device;

    String thing;

    String jobs;

    @BeforeAll
    static void startEmulator() {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .serviceLatency(Duration.ofMillis(100)).build().start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void connectDevice() {
        thing = "thing-" + UUID.randomUUID();
        jobs = "$aws/things/" + thing + "/jobs";
        device = TestDevice.connect(MOSQUITTO.broker().host(), MOSQUITTO.broker().tcpPort());
        device.subscribe(jobs + "/+/rejected", jobs + "/+/+/rejected", jobs + "/+/+/accepted");
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"reboot\"}");
    }

    @AfterEach
    void closeDevice() {
        device.close();
    }

    JsonNode rejected(String topic, String payload) {
        return device.request(topic, payload, topic + "/rejected");
    }

    @Test
    void aPayloadThatIsNotJsonIsInvalidJson() {
        JsonNode error = rejected(jobs + "/job-1/update", "{status:");

        assertThat(error.get("code").asString()).isEqualTo("InvalidJson");
        assertThat(error.get("timestamp").asLong()).isPositive();
    }

    @Test
    void aTopicThatIsNoJobsApiIsInvalidTopic() {
        JsonNode error = rejected(jobs + "/job-1/cancel", "{\"clientToken\":\"c-1\"}");

        assertThat(error.get("code").asString()).isEqualTo("InvalidTopic");
        assertThat(error.get("clientToken").asString()).isEqualTo("c-1");
        assertThat(rejected(jobs + "/list", "{}").get("code").asString()).isEqualTo("InvalidTopic");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"status\":\"DONE\"}",
        "{\"status\":\"CANCELED\"}",
        "{\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"percent\":50}}",
        "{\"status\":\"IN_PROGRESS\",\"stepTimeoutInMinutes\":0}",
        "{\"status\":\"IN_PROGRESS\",\"expectedVersion\":\"one\"}",
    })
    void anUpdateWithoutAValidStatusDetailsTimeoutOrVersionIsInvalidRequest(String payload) {
        JsonNode error = rejected(jobs + "/job-1/update", payload);

        assertThat(error.get("code").asString()).isEqualTo("InvalidRequest");
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(emulator.jobs().status(thing, "job-1")).contains(JobExecutionStatus.QUEUED);
    }

    @Test
    void aJobTheThingDoesNotHaveIsResourceNotFound() {
        assertThat(rejected(jobs + "/job-9/get", "{}").get("code").asString()).isEqualTo("ResourceNotFound");
        assertThat(rejected(jobs + "/job-9/update", "{\"status\":\"IN_PROGRESS\"}").get("code").asString())
                .isEqualTo("ResourceNotFound");
        assertThat(rejected(jobs + "/job-1/get", "{\"executionNumber\":2}").get("code").asString())
                .isEqualTo("ResourceNotFound");
    }

    @Test
    void anUpdateExpectingAnotherVersionIsVersionMismatchWithTheExecutionState() {
        JsonNode error = rejected(jobs + "/job-1/update", "{\"status\":\"IN_PROGRESS\",\"expectedVersion\":5}");

        assertThat(error.get("code").asString()).isEqualTo("VersionMismatch");
        assertThat(error.at("/executionState/status").asString()).isEqualTo("QUEUED");
        assertThat(error.at("/executionState/versionNumber").asLong()).isEqualTo(1);
    }

    @Test
    void updatingAnEndedExecutionIsInvalidStateTransitionWithTheExecutionState() {
        device.request(jobs + "/job-1/update", "{\"status\":\"SUCCEEDED\"}", jobs + "/job-1/update/accepted");

        JsonNode error = rejected(jobs + "/job-1/update", "{\"status\":\"IN_PROGRESS\"}");

        assertThat(error.get("code").asString()).isEqualTo("InvalidStateTransition");
        assertThat(error.at("/executionState/status").asString()).isEqualTo("SUCCEEDED");
        assertThat(error.at("/executionState/versionNumber").asLong()).isEqualTo(2);
    }

    @Test
    void describingAnEndedExecutionIsTerminalStateReached() {
        emulator.jobs().cancel(thing, "job-1");

        assertThat(rejected(jobs + "/job-1/get", "{}").get("code").asString()).isEqualTo("TerminalStateReached");
    }

    @Test
    void moreThanTenRequestsInFlightForAThingAreRequestThrottled() {
        for (int i = 0; i < 11; i++) {
            device.publish(jobs + "/job-1/get", "{\"clientToken\":\"n" + i + "\"}");
        }

        JsonNode error = device.await(jobs + "/job-1/get/rejected");
        assertThat(error.get("code").asString()).isEqualTo("RequestThrottled");
        assertThat(error.get("clientToken").asString()).isEqualTo("n10");
        for (int i = 0; i < 10; i++) {
            assertThat(device.await(jobs + "/job-1/get/accepted").get("clientToken").asString()).isEqualTo("n" + i);
        }
    }

    @Test
    void anInjectedInternalFailureIsInternalError() {
        emulator.failNextRequest();

        assertThat(rejected(jobs + "/job-1/get", "{}").get("code").asString()).isEqualTo("InternalError");
    }
}
