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
import tools.jackson.databind.JsonNode;

/** The Jobs device API from a device's point of view, on mosquitto: every operation and the notifications. */
class JobsServiceTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static AwsIotEmulator emulator;

    TestDevice device;

    String thing;

    String jobs;

    @BeforeAll
    static void startEmulator() {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .build().start();
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
        device.subscribe(jobs + "/get/+", jobs + "/start-next/+", jobs + "/notify", jobs + "/notify-next",
                jobs + "/+/get/+", jobs + "/+/update/+");
    }

    @AfterEach
    void closeDevice() {
        device.close();
    }

    @Test
    void getListsInProgressAndQueuedExecutionSummaries() {
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"reboot\"}");
        emulator.jobs().createJob(thing, "job-2", "{\"op\":\"update\"}");
        device.request(jobs + "/start-next", "{}", jobs + "/start-next/accepted");

        JsonNode pending = device.request(jobs + "/get", "{\"clientToken\":\"c-1\"}", jobs + "/get/accepted");

        assertThat(pending.at("/inProgressJobs/0/jobId").asString()).isEqualTo("job-1");
        assertThat(pending.at("/inProgressJobs/0/startedAt").asLong()).isPositive();
        assertThat(pending.at("/inProgressJobs/0/versionNumber").asLong()).isEqualTo(2);
        assertThat(pending.at("/inProgressJobs/0/executionNumber").asLong()).isEqualTo(1);
        assertThat(pending.at("/queuedJobs/0/jobId").asString()).isEqualTo("job-2");
        assertThat(pending.at("/queuedJobs/0/queuedAt").asLong()).isPositive();
        assertThat(pending.at("/queuedJobs/0").has("startedAt")).isFalse();
        assertThat(pending.get("clientToken").asString()).isEqualTo("c-1");
        assertThat(pending.get("timestamp").asLong()).isPositive();
    }

    @Test
    void startNextStartsTheOldestQueuedJobWithItsDocumentAndStatusDetails() {
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"reboot\"}");
        emulator.jobs().createJob(thing, "job-2", "{\"op\":\"update\"}");

        JsonNode started = device.request(jobs + "/start-next",
                "{\"statusDetails\":{\"step\":\"download\"},\"clientToken\":\"c-2\"}", jobs + "/start-next/accepted");

        assertThat(started.at("/execution/jobId").asString()).isEqualTo("job-1");
        assertThat(started.at("/execution/thingName").asString()).isEqualTo(thing);
        assertThat(started.at("/execution/status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(started.at("/execution/statusDetails/step").asString()).isEqualTo("download");
        assertThat(started.at("/execution/jobDocument/op").asString()).isEqualTo("reboot");
        assertThat(started.get("clientToken").asString()).isEqualTo("c-2");
        JsonNode again = device.request(jobs + "/start-next", "{}", jobs + "/start-next/accepted");
        assertThat(again.at("/execution/jobId").asString()).as("an IN_PROGRESS execution comes first").isEqualTo("job-1");
        assertThat(again.at("/execution/statusDetails/step").asString()).isEqualTo("download");
    }

    @Test
    void startNextWithNothingPendingIsAcceptedWithoutAnExecution() {
        JsonNode none = device.request(jobs + "/start-next", "{}", jobs + "/start-next/accepted");

        assertThat(none.has("execution")).isFalse();
        assertThat(none.get("timestamp").asLong()).isPositive();
    }

    @Test
    void describeReturnsTheExecutionWithTheDocumentUnlessExcluded() {
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"reboot\"}");

        JsonNode described = device.request(jobs + "/job-1/get", "{\"executionNumber\":1}", jobs + "/job-1/get/accepted");
        assertThat(described.at("/execution/status").asString()).isEqualTo("QUEUED");
        assertThat(described.at("/execution/jobDocument/op").asString()).isEqualTo("reboot");

        JsonNode withoutDocument = device.request(jobs + "/job-1/get", "{\"includeJobDocument\":false}",
                jobs + "/job-1/get/accepted");
        assertThat(withoutDocument.get("execution").has("jobDocument")).isFalse();

        JsonNode next = device.request(jobs + "/$next/get", "{}", jobs + "/$next/get/accepted");
        assertThat(next.at("/execution/jobId").asString()).isEqualTo("job-1");
    }

    @Test
    void updateMovesTheExecutionOnAndReturnsItsStateAndDocumentWhenAsked() {
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"reboot\"}");

        JsonNode inProgress = device.request(jobs + "/job-1/update",
                "{\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"progress\":\"50%\"},\"expectedVersion\":1,"
                        + "\"includeJobExecutionState\":true,\"clientToken\":\"c-3\"}",
                jobs + "/job-1/update/accepted");
        assertThat(inProgress.at("/executionState/status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(inProgress.at("/executionState/statusDetails/progress").asString()).isEqualTo("50%");
        assertThat(inProgress.at("/executionState/versionNumber").asLong()).isEqualTo(2);
        assertThat(inProgress.has("jobDocument")).isFalse();
        assertThat(inProgress.get("clientToken").asString()).isEqualTo("c-3");

        JsonNode succeeded = device.request(jobs + "/job-1/update",
                "{\"status\":\"SUCCEEDED\",\"includeJobDocument\":true}", jobs + "/job-1/update/accepted");
        assertThat(succeeded.at("/jobDocument/op").asString()).isEqualTo("reboot");
        assertThat(succeeded.has("executionState")).isFalse();
        assertThat(emulator.jobs().status(thing, "job-1")).contains(JobExecutionStatus.SUCCEEDED);
        assertThat(emulator.jobs().execution(thing, "job-1")).hasValueSatisfying(
                (json) -> assertThat(json).contains("\"statusDetails\":{\"progress\":\"50%\"}"));
    }

    @Test
    void aDeviceMayFailOrRejectAQueuedExecution() {
        emulator.jobs().createJob(thing, "job-1", "{}");
        emulator.jobs().createJob(thing, "job-2", "{}");

        device.request(jobs + "/job-1/update", "{\"status\":\"REJECTED\"}", jobs + "/job-1/update/accepted");
        device.request(jobs + "/job-2/update", "{\"status\":\"FAILED\"}", jobs + "/job-2/update/accepted");

        assertThat(emulator.jobs().status(thing, "job-1")).contains(JobExecutionStatus.REJECTED);
        assertThat(emulator.jobs().status(thing, "job-2")).contains(JobExecutionStatus.FAILED);
    }

    @Test
    void notifyAndNotifyNextFollowThePendingList() {
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"a\"}");
        JsonNode firstNext = device.await(jobs + "/notify-next");
        assertThat(firstNext.at("/execution/jobId").asString()).isEqualTo("job-1");
        assertThat(firstNext.at("/execution/jobDocument/op").asString()).isEqualTo("a");
        assertThat(device.await(jobs + "/notify").at("/jobs/QUEUED/0/jobId").asString()).isEqualTo("job-1");

        emulator.jobs().createJob(thing, "job-2", "{\"op\":\"b\"}");
        JsonNode listed = device.await(jobs + "/notify");
        assertThat(listed.at("/jobs/QUEUED/1/jobId").asString()).isEqualTo("job-2");

        device.request(jobs + "/job-2/update", "{\"status\":\"IN_PROGRESS\"}", jobs + "/job-2/update/accepted");
        assertThat(device.await(jobs + "/notify").at("/jobs/IN_PROGRESS/0/jobId").asString()).isEqualTo("job-2");
        assertThat(device.await(jobs + "/notify-next").at("/execution/jobId").asString())
                .as("an IN_PROGRESS execution goes first").isEqualTo("job-2");

        device.request(jobs + "/job-2/update", "{\"status\":\"SUCCEEDED\"}", jobs + "/job-2/update/accepted");
        device.request(jobs + "/job-1/update", "{\"status\":\"SUCCEEDED\"}", jobs + "/job-1/update/accepted");
        assertThat(device.await(jobs + "/notify-next").at("/execution/jobId").asString()).isEqualTo("job-1");
        JsonNode empty = device.await(jobs + "/notify-next");
        assertThat(empty.has("execution")).isFalse();
        assertThat(empty.get("timestamp").asLong()).isPositive();
    }

    @Test
    void anExecutionInProgressPastItsStepTimeoutIsTimedOut() throws InterruptedException {
        emulator.jobs().createJob(thing, "job-1", "{}", Duration.ofMillis(200));

        device.request(jobs + "/start-next", "{}", jobs + "/start-next/accepted");

        JsonNode next = device.await(jobs + "/notify-next");
        while (next.has("execution")) {
            next = device.await(jobs + "/notify-next");
        }
        assertThat(emulator.jobs().status(thing, "job-1")).contains(JobExecutionStatus.TIMED_OUT);
    }

    @Test
    void jobsCanceledOrRemovedFromJavaEndAndLeaveThePendingList() {
        emulator.jobs().createJob(thing, "job-1", "{}");
        emulator.jobs().createJob(thing, "job-2", "{}");

        emulator.jobs().cancel(thing, "job-1");
        emulator.jobs().remove(thing, "job-2");

        assertThat(emulator.jobs().status(thing, "job-1")).contains(JobExecutionStatus.CANCELED);
        assertThat(emulator.jobs().status(thing, "job-2")).contains(JobExecutionStatus.REMOVED);
        JsonNode pending = device.request(jobs + "/get", "{}", jobs + "/get/accepted");
        assertThat(pending.get("inProgressJobs")).isEmpty();
        assertThat(pending.get("queuedJobs")).isEmpty();
    }
}
