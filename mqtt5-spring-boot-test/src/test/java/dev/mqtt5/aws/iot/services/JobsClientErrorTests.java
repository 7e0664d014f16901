package dev.mqtt5.aws.iot.services;

import static dev.mqtt5.aws.iot.services.LibraryDevice.WAIT_SECONDS;
import static dev.mqtt5.aws.iot.services.LibraryDevice.await;
import static dev.mqtt5.aws.iot.services.LibraryDevice.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.aws.iot.emulator.JobExecutionStatus;
import dev.mqtt5.aws.iot.jobs.JobExecution;
import dev.mqtt5.aws.iot.jobs.JobExecutionUpdate;
import dev.mqtt5.aws.iot.jobs.JobStatus;
import dev.mqtt5.aws.iot.jobs.JobsClient;
import dev.mqtt5.aws.iot.jobs.JobsErrorCode;
import dev.mqtt5.aws.iot.jobs.JobsException;
import dev.mqtt5.client.testing.MosquittoExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Jobs rejections the emulator produces, arriving through {@link JobsClient} as
 * {@link JobsException} with the code, message, client token and, where the service sends it, the
 * execution's state. The emulator answers after 100 ms, so that more than 10 requests can be in flight.
 *
 * <p>Not here: {@code InvalidJson} and {@code InvalidTopic}, which the typed client cannot produce
 * (it writes JSON with Jackson and builds the topics of the documented operations only);
 * {@code JobsErrorTests} sends them raw.
 */
class JobsClientErrorTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static AwsIotEmulator emulator;

    static LibraryDevice device;

    String thing;

    JobsClient jobs;

    @BeforeAll
    static void start() {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .serviceLatency(Duration.ofMillis(100)).build().start();
        device = LibraryDevice.connect(MOSQUITTO.broker());
    }

    @AfterAll
    static void stop() {
        device.close();
        emulator.close();
    }

    @BeforeEach
    void newThingWithAJob() {
        thing = "robot-" + UUID.randomUUID();
        jobs = device.services.jobs(thing);
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"reboot\"}");
    }

    @Test
    void aStatusTheDeviceMayNotSetIsInvalidRequest() {
        JobsException error = failure(jobs.update(JobExecutionUpdate.builder("job-1", JobStatus.CANCELED)
                .clientToken("cancel-1").build()), JobsException.class);

        assertThat(error.code()).isEqualTo(JobsErrorCode.INVALID_REQUEST);
        assertThat(error.wireCode()).isEqualTo("InvalidRequest");
        assertThat(error.errorMessage()).contains("status must be");
        assertThat(error.clientToken()).isEqualTo("cancel-1");
        assertThat(error.timestamp()).isNotNull();
        assertThat(emulator.jobs().status(thing, "job-1")).contains(JobExecutionStatus.QUEUED);
    }

    @Test
    void anUnknownJobOrExecutionNumberIsResourceNotFound() {
        assertThat(failure(jobs.describe("job-9", null, true), JobsException.class).code())
                .isEqualTo(JobsErrorCode.RESOURCE_NOT_FOUND);
        assertThat(failure(jobs.describe("job-1", 2L, true), JobsException.class).code())
                .isEqualTo(JobsErrorCode.RESOURCE_NOT_FOUND);
        JobsException update = failure(jobs.update(JobExecutionUpdate.builder("job-9", JobStatus.IN_PROGRESS).build()),
                JobsException.class);
        assertThat(update.code()).isEqualTo(JobsErrorCode.RESOURCE_NOT_FOUND);
        assertThat(update.executionState()).isNull();
    }

    @Test
    void anUpdateExpectingAnotherVersionIsVersionMismatchWithTheExecutionState() {
        await(jobs.startNext(null, null));

        JobsException error = failure(jobs.update(JobExecutionUpdate.builder("job-1", JobStatus.SUCCEEDED)
                .expectedVersion(1).build()), JobsException.class);

        assertThat(error.code()).isEqualTo(JobsErrorCode.VERSION_MISMATCH);
        assertThat(error.executionState().status()).isEqualTo(JobStatus.IN_PROGRESS);
        assertThat(error.executionState().versionNumber()).isEqualTo(2);
        assertThat(error).hasMessageContaining("execution is IN_PROGRESS, version 2");
        assertThat(emulator.jobs().status(thing, "job-1")).contains(JobExecutionStatus.IN_PROGRESS);
    }

    @Test
    void updatingAFinishedExecutionIsInvalidStateTransitionWithTheExecutionState() {
        await(jobs.update(JobExecutionUpdate.builder("job-1", JobStatus.SUCCEEDED).statusDetail("result", "ok")
                .build()));

        JobsException error = failure(jobs.update(JobExecutionUpdate.builder("job-1", JobStatus.IN_PROGRESS).build()),
                JobsException.class);

        assertThat(error.code()).isEqualTo(JobsErrorCode.INVALID_STATE_TRANSITION);
        assertThat(error.executionState().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(error.executionState().statusDetails()).containsEntry("result", "ok");
        assertThat(error.executionState().versionNumber()).isEqualTo(2);
    }

    @Test
    void describingACanceledExecutionIsTerminalStateReached() {
        emulator.jobs().cancel(thing, "job-1");

        JobsException error = failure(jobs.describe("job-1", null, false), JobsException.class);

        assertThat(error.code()).isEqualTo(JobsErrorCode.TERMINAL_STATE_REACHED);
        assertThat(error.errorMessage()).contains("CANCELED");
    }

    @Test
    void theEleventhRequestInFlightForAThingIsRequestThrottled() throws Exception {
        List<CompletableFuture<JobExecution>> describes = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            describes.add(jobs.describe("job-1", null, false));
        }

        List<Throwable> throttled = new ArrayList<>();
        int answered = 0;
        for (CompletableFuture<JobExecution> describe : describes) {
            try {
                assertThat(describe.get(WAIT_SECONDS, TimeUnit.SECONDS).jobId()).isEqualTo("job-1");
                answered++;
            } catch (ExecutionException ex) {
                throttled.add(ex.getCause());
            }
        }
        assertThat(answered).isEqualTo(10);
        assertThat(throttled).singleElement().isInstanceOfSatisfying(JobsException.class,
                (error) -> assertThat(error.code()).isEqualTo(JobsErrorCode.REQUEST_THROTTLED));
    }

    @Test
    void anInternalFailureIsInternalErrorAndTheNextRequestIsServed() {
        emulator.failNextRequest();

        assertThat(failure(jobs.startNext(null, null), JobsException.class).code())
                .isEqualTo(JobsErrorCode.INTERNAL_ERROR);
        assertThat(emulator.jobs().status(thing, "job-1")).contains(JobExecutionStatus.QUEUED);
        assertThat(await(jobs.startNext(null, null)).status()).isEqualTo(JobStatus.IN_PROGRESS);
    }
}
