package dev.mqtt5.aws.iot.services;

import static dev.mqtt5.aws.iot.services.LibraryDevice.WAIT_SECONDS;
import static dev.mqtt5.aws.iot.services.LibraryDevice.await;
import static dev.mqtt5.aws.iot.services.ShadowClientEmulatorTests.established;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.aws.iot.emulator.JobExecutionStatus;
import dev.mqtt5.aws.iot.emulator.RecordedRequest;
import dev.mqtt5.aws.iot.jobs.JobExecution;
import dev.mqtt5.aws.iot.jobs.JobExecutionUpdate;
import dev.mqtt5.aws.iot.jobs.JobExecutionUpdated;
import dev.mqtt5.aws.iot.jobs.JobExecutionsChanged;
import dev.mqtt5.aws.iot.jobs.JobStatus;
import dev.mqtt5.aws.iot.jobs.JobsClient;
import dev.mqtt5.aws.iot.jobs.NextJobExecutionChanged;
import dev.mqtt5.aws.iot.jobs.PendingJobExecutions;
import dev.mqtt5.aws.iot.rr.StreamingOperation;
import dev.mqtt5.client.testing.MosquittoExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every {@link JobsClient} operation and stream against the AWS IoT emulator's Jobs service on mosquitto. */
class JobsClientEmulatorTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static final JsonMapper JSON = JsonMapper.builder().build();

    static AwsIotEmulator emulator;

    static LibraryDevice device;

    String thing;

    JobsClient jobs;

    @BeforeAll
    static void start() {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .build().start();
        device = LibraryDevice.connect(MOSQUITTO.broker());
    }

    @AfterAll
    static void stop() {
        device.close();
        emulator.close();
    }

    @BeforeEach
    void newThing() {
        thing = "robot-" + UUID.randomUUID();
        jobs = device.services.jobs(thing);
    }

    @Test
    void getPendingExecutionsListsQueuedAndInProgressExecutionsInOrder() {
        assertThat(await(jobs.getPendingExecutions()).queuedJobs()).isEmpty();
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"a\"}");
        emulator.jobs().createJob(thing, "job-2", "{\"op\":\"b\"}");
        await(jobs.startNext(Map.of(), null));

        PendingJobExecutions pending = await(jobs.getPendingExecutions());

        assertThat(pending.inProgressJobs()).singleElement().satisfies((summary) -> {
            assertThat(summary.jobId()).isEqualTo("job-1");
            assertThat(summary.versionNumber()).isEqualTo(2);
            assertThat(summary.executionNumber()).isEqualTo(1);
            assertThat(summary.startedAt()).isNotNull();
        });
        assertThat(pending.queuedJobs()).singleElement().satisfies((summary) -> {
            assertThat(summary.jobId()).isEqualTo("job-2");
            assertThat(summary.queuedAt()).isNotNull();
            assertThat(summary.startedAt()).isNull();
        });
        assertThat(pending.clientToken()).isNotBlank();
    }

    @Test
    void startNextStartsTheNextExecutionWithDetailsAndAStepTimeout() {
        assertThat(await(jobs.startNext(Map.of(), null))).as("nothing pending").isNull();
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"reboot\",\"delay\":5}");

        JobExecution started = await(jobs.startNext(Map.of("step", "download"), Duration.ofMinutes(30)));

        assertThat(started.jobId()).isEqualTo("job-1");
        assertThat(started.thingName()).isEqualTo(thing);
        assertThat(started.status()).isEqualTo(JobStatus.IN_PROGRESS);
        assertThat(started.statusDetails()).containsExactly(Map.entry("step", "download"));
        assertThat(started.jobDocument().get("op").asString()).isEqualTo("reboot");
        assertThat(started.startedAt()).isNotNull();
        assertThat(started.versionNumber()).isEqualTo(2);
        assertThat(lastRequestTo("/start-next").get("stepTimeoutInMinutes").asLong()).isEqualTo(30);
        assertThat(emulator.jobs().status(thing, "job-1")).contains(JobExecutionStatus.IN_PROGRESS);
    }

    @Test
    void describeByIdAndNextWithAndWithoutTheJobDocument() {
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"a\"}");
        emulator.jobs().createJob(thing, "job-2", "{\"op\":\"b\"}");

        JobExecution withDocument = await(jobs.describe("job-2", null, true));
        assertThat(withDocument.jobId()).isEqualTo("job-2");
        assertThat(withDocument.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(withDocument.jobDocument().get("op").asString()).isEqualTo("b");
        assertThat(withDocument.executionNumber()).isEqualTo(1);
        assertThat(withDocument.queuedAt()).isNotNull();

        assertThat(await(jobs.describe("job-2", 1L, false)).jobDocument().isMissingNode()).isTrue();

        JobExecution next = await(jobs.describe(JobsClient.NEXT, null, true));
        assertThat(next.jobId()).isEqualTo("job-1");
        assertThat(next.jobDocument().get("op").asString()).isEqualTo("a");
        assertThat(lastRequestTo("/$next/get")).isNotNull();

        emulator.jobs().cancel(thing, "job-1");
        emulator.jobs().cancel(thing, "job-2");
        assertThat(await(jobs.describe(JobsClient.NEXT, null, false))).as("none pending").isNull();
    }

    @Test
    void updateWithExpectedVersionStepTimeoutAndTheExecutionStateInTheReply() {
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"install\"}");

        JobExecutionUpdated inProgress = await(jobs.update(JobExecutionUpdate.builder("job-1", JobStatus.IN_PROGRESS)
                .expectedVersion(1).executionNumber(1).statusDetail("percent", "10").stepTimeout(Duration.ofMinutes(5))
                .includeJobExecutionState(true).includeJobDocument(true).clientToken("u-1").build()));

        assertThat(inProgress.executionState().status()).isEqualTo(JobStatus.IN_PROGRESS);
        assertThat(inProgress.executionState().versionNumber()).isEqualTo(2);
        assertThat(inProgress.executionState().statusDetails()).containsExactly(Map.entry("percent", "10"));
        assertThat(inProgress.jobDocument().get("op").asString()).isEqualTo("install");
        assertThat(inProgress.clientToken()).isEqualTo("u-1");
        assertThat(inProgress.timestamp()).isNotNull();
        assertThat(lastRequestTo("/job-1/update").get("stepTimeoutInMinutes").asLong()).isEqualTo(5);

        JobExecutionUpdated succeeded = await(jobs.update(JobExecutionUpdate.builder("job-1", JobStatus.SUCCEEDED)
                .expectedVersion(2).build()));
        assertThat(succeeded.executionState()).as("not asked for").isNull();
        assertThat(succeeded.jobDocument()).as("not asked for").isNull();
        assertThat(emulator.jobs().status(thing, "job-1")).contains(JobExecutionStatus.SUCCEEDED);
    }

    @Test
    void theNextExecutionChangedStreamFollowsTheThingsNextJob() throws Exception {
        BlockingQueue<NextJobExecutionChanged> events = new LinkedBlockingQueue<>();
        CompletableFuture<Void> established = new CompletableFuture<>();
        try (StreamingOperation stream = jobs.nextExecutionChanged(events::add, established(established))) {
            established.get(WAIT_SECONDS, TimeUnit.SECONDS);

            emulator.jobs().createJob(thing, "job-1", "{\"op\":\"reboot\"}");
            NextJobExecutionChanged queued = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(queued).isNotNull();
            assertThat(queued.execution().jobId()).isEqualTo("job-1");
            assertThat(queued.execution().status()).isEqualTo(JobStatus.QUEUED);
            assertThat(queued.execution().jobDocument().get("op").asString()).isEqualTo("reboot");
            assertThat(queued.timestamp()).isNotNull();

            await(jobs.update(JobExecutionUpdate.builder("job-1", JobStatus.FAILED).statusDetail("why", "x").build()));
            NextJobExecutionChanged none = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(none).isNotNull();
            assertThat(none.execution()).as("nothing left").isNull();
        }
    }

    @Test
    void theExecutionsChangedStreamListsThePendingExecutionsByStatus() throws Exception {
        BlockingQueue<JobExecutionsChanged> events = new LinkedBlockingQueue<>();
        CompletableFuture<Void> established = new CompletableFuture<>();
        try (StreamingOperation stream = jobs.executionsChanged(events::add, established(established))) {
            established.get(WAIT_SECONDS, TimeUnit.SECONDS);

            emulator.jobs().createJob(thing, "job-1", "{}");
            JobExecutionsChanged queued = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(queued).isNotNull();
            assertThat(queued.jobs()).containsOnlyKeys(JobStatus.QUEUED);
            assertThat(queued.jobs().get(JobStatus.QUEUED)).singleElement()
                    .satisfies((summary) -> assertThat(summary.jobId()).isEqualTo("job-1"));

            await(jobs.startNext(null, null));
            JobExecutionsChanged started = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(started).isNotNull();
            assertThat(started.jobs()).containsOnlyKeys(JobStatus.IN_PROGRESS);

            await(jobs.update(JobExecutionUpdate.builder("job-1", JobStatus.SUCCEEDED).build()));
            JobExecutionsChanged done = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(done).isNotNull();
            assertThat(done.jobs()).isEmpty();
            assertThat(done.timestamp()).isNotNull();
        }
    }

    /** The payload of the last request the emulator received on this thing's jobs topic ending in {@code suffix}. */
    JsonNode lastRequestTo(String suffix) {
        String topic = "$aws/things/" + thing + "/jobs" + suffix;
        RecordedRequest last = null;
        for (RecordedRequest request : emulator.recordedRequests()) {
            if (request.topic().equals(topic)) {
                last = request;
            }
        }
        assertThat(last).as("a request on " + topic).isNotNull();
        return JSON.readTree(last.payload());
    }
}
