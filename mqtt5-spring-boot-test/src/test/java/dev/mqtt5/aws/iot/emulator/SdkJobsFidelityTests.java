package dev.mqtt5.aws.iot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.testing.MosquittoExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.crt.iot.StreamingOperation;
import software.amazon.awssdk.crt.iot.SubscriptionStatusEventType;
import software.amazon.awssdk.iot.V2ClientStreamOptions;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsRequest;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsResponse;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedSubscriptionRequest;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.StartNextJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionResponse;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponseException;

/** The AWS IoT Device SDK's own {@link IotJobsV2Client} runs the Jobs device API against the emulator on mosquitto. */
class SdkJobsFidelityTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static AwsIotEmulator emulator;

    static SdkConnection sdk;

    static IotJobsV2Client jobs;

    @BeforeAll
    static void start() throws Exception {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .build().start();
        sdk = SdkConnection.connect(MOSQUITTO.broker().host(), MOSQUITTO.broker().tcpPort());
        jobs = IotJobsV2Client.newFromMqtt5(sdk.client, SdkConnection.REQUEST_RESPONSE);
    }

    @AfterAll
    static void stop() {
        jobs.close();
        sdk.close();
        emulator.close();
    }

    @Test
    void aJobRunsToSuccessThroughTheSdkWithNotifyNextEvents() throws Exception {
        String thing = "sdk-" + UUID.randomUUID();
        BlockingQueue<NextJobExecutionChangedEvent> nextEvents = new LinkedBlockingQueue<>();
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        NextJobExecutionChangedSubscriptionRequest subscription = new NextJobExecutionChangedSubscriptionRequest();
        subscription.thingName = thing;
        V2ClientStreamOptions<NextJobExecutionChangedEvent> options = V2ClientStreamOptions
                .<NextJobExecutionChangedEvent>builder().withStreamEventHandler(nextEvents::add)
                .withSubscriptionEventHandler((event) -> {
                    if (event.getType() == SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED) {
                        subscribed.complete(null);
                    }
                }).build();
        try (StreamingOperation stream = jobs.createNextJobExecutionChangedStream(subscription, options)) {
            stream.open();
            subscribed.get(10, TimeUnit.SECONDS);

            emulator.jobs().createJob(thing, "job-1", "{\"op\":\"reboot\",\"delay\":5}");
            NextJobExecutionChangedEvent next = nextEvents.poll(10, TimeUnit.SECONDS);
            assertThat(next).isNotNull();
            assertThat(next.execution.jobId).isEqualTo("job-1");
            assertThat(next.execution.status).isEqualTo(JobStatus.QUEUED);
            assertThat(next.execution.jobDocument).containsEntry("op", "reboot");

            GetPendingJobExecutionsRequest get = new GetPendingJobExecutionsRequest();
            get.thingName = thing;
            GetPendingJobExecutionsResponse pending = jobs.getPendingJobExecutions(get).get(10, TimeUnit.SECONDS);
            assertThat(pending.queuedJobs).singleElement().satisfies((summary) -> {
                assertThat(summary.jobId).isEqualTo("job-1");
                assertThat(summary.versionNumber).isEqualTo(1);
                assertThat(summary.queuedAt).isNotNull();
            });
            assertThat(pending.inProgressJobs).isEmpty();

            StartNextPendingJobExecutionRequest startNext = new StartNextPendingJobExecutionRequest();
            startNext.thingName = thing;
            startNext.statusDetails = new HashMap<>(Map.of("step", "download"));
            StartNextJobExecutionResponse started = jobs.startNextPendingJobExecution(startNext).get(10, TimeUnit.SECONDS);
            assertThat(started.execution.status).isEqualTo(JobStatus.IN_PROGRESS);
            assertThat(started.execution.statusDetails).containsEntry("step", "download");
            assertThat(started.execution.startedAt).isNotNull();

            DescribeJobExecutionRequest describe = new DescribeJobExecutionRequest();
            describe.thingName = thing;
            describe.jobId = "job-1";
            describe.includeJobDocument = true;
            DescribeJobExecutionResponse described = jobs.describeJobExecution(describe).get(10, TimeUnit.SECONDS);
            assertThat(described.execution.versionNumber).isEqualTo(2);
            assertThat(described.execution.jobDocument).containsKey("delay");

            UpdateJobExecutionRequest update = new UpdateJobExecutionRequest();
            update.thingName = thing;
            update.jobId = "job-1";
            update.status = JobStatus.SUCCEEDED;
            update.expectedVersion = 2;
            update.includeJobExecutionState = true;
            UpdateJobExecutionResponse updated = jobs.updateJobExecution(update).get(10, TimeUnit.SECONDS);
            assertThat(updated.executionState.status).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(updated.executionState.versionNumber).isEqualTo(3);

            NextJobExecutionChangedEvent noneLeft = nextEvents.poll(10, TimeUnit.SECONDS);
            assertThat(noneLeft).isNotNull();
            assertThat(noneLeft.execution).isNull();
        }
    }

    @Test
    void aVersionMismatchArrivesAsTheSdksTypedErrorWithTheExecutionState() throws Exception {
        String thing = "sdk-" + UUID.randomUUID();
        emulator.jobs().createJob(thing, "job-1", "{}");
        UpdateJobExecutionRequest update = new UpdateJobExecutionRequest();
        update.thingName = thing;
        update.jobId = "job-1";
        update.status = JobStatus.IN_PROGRESS;
        update.expectedVersion = 9;

        assertThatThrownBy(() -> jobs.updateJobExecution(update).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(V2ErrorResponseException.class, (error) -> {
                    assertThat(error.getModeledError().code).isEqualTo(RejectedErrorCode.VERSION_MISMATCH);
                    assertThat(error.getModeledError().executionState.status).isEqualTo(JobStatus.QUEUED);
                    assertThat(error.getModeledError().executionState.versionNumber).isEqualTo(1);
                });
    }

    @Test
    void anUnknownJobArrivesAsTheSdksTypedResourceNotFound() {
        DescribeJobExecutionRequest describe = new DescribeJobExecutionRequest();
        describe.thingName = "sdk-" + UUID.randomUUID();
        describe.jobId = "nope";

        assertThatThrownBy(() -> jobs.describeJobExecution(describe).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(V2ErrorResponseException.class, (error) -> assertThat(
                        error.getModeledError().code).isEqualTo(RejectedErrorCode.RESOURCE_NOT_FOUND));
    }
}
