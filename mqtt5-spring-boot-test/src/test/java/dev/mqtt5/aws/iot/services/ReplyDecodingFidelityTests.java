package dev.mqtt5.aws.iot.services;

import static dev.mqtt5.aws.iot.services.LibraryDevice.WAIT_SECONDS;
import static dev.mqtt5.aws.iot.services.LibraryDevice.await;
import static dev.mqtt5.aws.iot.services.LibraryDevice.failure;
import static dev.mqtt5.aws.iot.services.ShadowClientEmulatorTests.established;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.aws.iot.jobs.JobExecution;
import dev.mqtt5.aws.iot.jobs.JobExecutionUpdate;
import dev.mqtt5.aws.iot.jobs.JobStatus;
import dev.mqtt5.aws.iot.jobs.JobsErrorCode;
import dev.mqtt5.aws.iot.jobs.JobsException;
import dev.mqtt5.aws.iot.jobs.NextJobExecutionChanged;
import dev.mqtt5.aws.iot.rr.StreamingOperation;
import dev.mqtt5.aws.iot.shadow.ShadowDelta;
import dev.mqtt5.aws.iot.shadow.ShadowDocument;
import dev.mqtt5.client.testing.MosquittoExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.crt.iot.SubscriptionStatusEventType;
import software.amazon.awssdk.iot.V2ClientStreamOptions;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.JobExecutionData;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedEvent;
import software.amazon.awssdk.iot.iotjobs.model.NextJobExecutionChangedSubscriptionRequest;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.iot.iotshadow.model.GetShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.GetShadowResponse;
import software.amazon.awssdk.iot.iotshadow.model.ShadowDeltaUpdatedEvent;
import software.amazon.awssdk.iot.iotshadow.model.ShadowDeltaUpdatedSubscriptionRequest;
import software.amazon.awssdk.iot.iotshadow.model.V2ErrorResponseException;

/**
 * Our library and the AWS IoT Device SDK decode the same service messages to the same values:
 * stream events are one publish received by both; request replies are two reads of an unchanged
 * shadow or execution, so only their timestamps may differ (by the second they were sent in).
 * String-valued state keeps the comparison free of number types (the SDK reads JSON numbers as doubles).
 */
class ReplyDecodingFidelityTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static AwsIotEmulator emulator;

    static LibraryDevice ours;

    static SdkClients sdk;

    String thing;

    @BeforeAll
    static void start() {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .build().start();
        ours = LibraryDevice.connect(MOSQUITTO.broker());
        sdk = SdkClients.connect(MOSQUITTO.broker());
    }

    @AfterAll
    static void stop() {
        sdk.close();
        ours.close();
        emulator.close();
    }

    @BeforeEach
    void newThing() {
        thing = "decode-" + UUID.randomUUID();
    }

    @Test
    void aShadowDocumentsVersionStateAndMetadata() throws Exception {
        emulator.shadows().update(thing, null,
                "{\"state\":{\"desired\":{\"color\":\"green\",\"mode\":\"eco\"},\"reported\":{\"color\":\"red\"}}}");

        @SuppressWarnings("rawtypes")
        ShadowDocument<Map> mine = await(ours.services.shadow(thing).get(Map.class));
        GetShadowRequest request = new GetShadowRequest();
        request.thingName = thing;
        GetShadowResponse theirs = sdk.shadows.getShadow(request).get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(mine.version()).isEqualTo(theirs.version.longValue()).isEqualTo(1);
        assertThat(mine.state().desired()).isEqualTo(theirs.state.desired);
        assertThat(mine.state().reported()).isEqualTo(theirs.state.reported);
        assertThat(mine.state().delta()).isEqualTo(theirs.state.delta)
                .isEqualTo(Map.of("color", "green", "mode", "eco"));
        assertThat(mine.metadata().at("/desired/mode/timestamp").asLong())
                .isEqualTo(((Number) ((Map<?, ?>) theirs.metadata.desired.get("mode")).get("timestamp")).longValue());
        assertSameSecond(mine.timestamp(), theirs.timestamp);
    }

    @Test
    void aDeltaEventReceivedByBoth() throws Exception {
        BlockingQueue<ShadowDelta<Map<?, ?>>> mine = new LinkedBlockingQueue<>();
        BlockingQueue<ShadowDeltaUpdatedEvent> theirs = new LinkedBlockingQueue<>();
        CompletableFuture<Void> ourStream = new CompletableFuture<>();
        CompletableFuture<Void> sdkStream = new CompletableFuture<>();
        ShadowDeltaUpdatedSubscriptionRequest subscription = new ShadowDeltaUpdatedSubscriptionRequest();
        subscription.thingName = thing;
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Map<?, ?>> mapType = (Class) Map.class;
        try (StreamingOperation stream = ours.services.shadow(thing).deltas(mapType, mine::add, established(ourStream));
                software.amazon.awssdk.crt.iot.StreamingOperation sdkOperation = sdk.shadows
                        .createShadowDeltaUpdatedStream(subscription, sdkStreamOptions(theirs, sdkStream))) {
            sdkOperation.open();
            CompletableFuture.allOf(ourStream, sdkStream).get(WAIT_SECONDS, TimeUnit.SECONDS);

            emulator.shadows().update(thing, null, "{\"state\":{\"desired\":{\"fan\":\"high\",\"light\":{\"level\":\"2\"}}},"
                    + "\"clientToken\":\"cloud-1\"}");

            ShadowDelta<Map<?, ?>> ourDelta = mine.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            ShadowDeltaUpdatedEvent sdkDelta = theirs.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(ourDelta).isNotNull();
            assertThat(sdkDelta).isNotNull();
            assertThat(sdkDelta.state).containsOnlyKeys("fan", "light");
            assertThat((Object) ourDelta.state()).isEqualTo(sdkDelta.state);
            assertThat(ourDelta.version()).isEqualTo(sdkDelta.version.longValue());
            assertThat(ourDelta.clientToken()).isEqualTo(sdkDelta.clientToken).isEqualTo("cloud-1");
            assertThat(ourDelta.timestamp()).isEqualTo(sdkDelta.timestamp.toInstant());
            assertThat(ourDelta.metadata().at("/fan/timestamp").asLong())
                    .isEqualTo(((Number) ((Map<?, ?>) sdkDelta.metadata.get("fan")).get("timestamp")).longValue());
        }
    }

    @Test
    void aJobExecutionsFields() throws Exception {
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"install\",\"url\":\"https://example.com/fw\"}");
        await(ours.services.jobs(thing).startNext(Map.of("step", "download"), null));

        JobExecution mine = await(ours.services.jobs(thing).describe("job-1", null, true));
        DescribeJobExecutionRequest request = new DescribeJobExecutionRequest();
        request.thingName = thing;
        request.jobId = "job-1";
        request.includeJobDocument = true;
        JobExecutionData theirs = sdk.jobs.describeJobExecution(request).get(WAIT_SECONDS, TimeUnit.SECONDS).execution;

        assertThat(mine.jobId()).isEqualTo(theirs.jobId);
        assertThat(mine.thingName()).isEqualTo(theirs.thingName).isEqualTo(thing);
        assertThat(mine.status().name()).isEqualTo(theirs.status.name()).isEqualTo("IN_PROGRESS");
        assertThat(mine.statusDetails()).isEqualTo(theirs.statusDetails);
        assertThat(mine.queuedAt()).isEqualTo(theirs.queuedAt.toInstant());
        assertThat(mine.startedAt()).isEqualTo(theirs.startedAt.toInstant());
        assertThat(mine.lastUpdatedAt()).isEqualTo(theirs.lastUpdatedAt.toInstant());
        assertThat(mine.versionNumber()).isEqualTo(theirs.versionNumber.longValue()).isEqualTo(2);
        assertThat(mine.executionNumber()).isEqualTo(theirs.executionNumber).isEqualTo(1);
        assertThat(mine.jobDocument().get("url").asString()).isEqualTo(theirs.jobDocument.get("url"));
    }

    @Test
    void aNextJobEventReceivedByBoth() throws Exception {
        BlockingQueue<NextJobExecutionChanged> mine = new LinkedBlockingQueue<>();
        BlockingQueue<NextJobExecutionChangedEvent> theirs = new LinkedBlockingQueue<>();
        CompletableFuture<Void> ourStream = new CompletableFuture<>();
        CompletableFuture<Void> sdkStream = new CompletableFuture<>();
        NextJobExecutionChangedSubscriptionRequest subscription = new NextJobExecutionChangedSubscriptionRequest();
        subscription.thingName = thing;
        try (StreamingOperation stream = ours.services.jobs(thing).nextExecutionChanged(mine::add,
                established(ourStream));
                software.amazon.awssdk.crt.iot.StreamingOperation sdkOperation = sdk.jobs
                        .createNextJobExecutionChangedStream(subscription, sdkStreamOptions(theirs, sdkStream))) {
            sdkOperation.open();
            CompletableFuture.allOf(ourStream, sdkStream).get(WAIT_SECONDS, TimeUnit.SECONDS);

            emulator.jobs().createJob(thing, "job-7", "{\"op\":\"reboot\"}");
            NextJobExecutionChanged ourEvent = mine.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            NextJobExecutionChangedEvent sdkEvent = theirs.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(ourEvent).isNotNull();
            assertThat(sdkEvent).isNotNull();
            assertThat(ourEvent.execution().jobId()).isEqualTo(sdkEvent.execution.jobId).isEqualTo("job-7");
            assertThat(ourEvent.execution().status().name()).isEqualTo(sdkEvent.execution.status.name());
            assertThat(ourEvent.execution().versionNumber()).isEqualTo(sdkEvent.execution.versionNumber.longValue());
            assertThat(ourEvent.execution().queuedAt()).isEqualTo(sdkEvent.execution.queuedAt.toInstant());
            assertThat(ourEvent.execution().jobDocument().get("op").asString())
                    .isEqualTo(sdkEvent.execution.jobDocument.get("op"));
            assertThat(ourEvent.timestamp()).isEqualTo(sdkEvent.timestamp.toInstant());
        }
    }

    @Test
    void aVersionMismatchsCodeAndExecutionState() throws Exception {
        emulator.jobs().createJob(thing, "job-1", "{}");
        await(ours.services.jobs(thing).update(JobExecutionUpdate.builder("job-1", JobStatus.IN_PROGRESS)
                .statusDetail("step", "2").build()));

        JobsException mine = failure(ours.services.jobs(thing).update(JobExecutionUpdate.builder("job-1",
                JobStatus.SUCCEEDED).expectedVersion(9).build()), JobsException.class);
        UpdateJobExecutionRequest request = new UpdateJobExecutionRequest();
        request.thingName = thing;
        request.jobId = "job-1";
        request.status = software.amazon.awssdk.iot.iotjobs.model.JobStatus.SUCCEEDED;
        request.expectedVersion = 9;
        V2ErrorOfJobs theirs = V2ErrorOfJobs.of(sdk.jobs.updateJobExecution(request));

        assertThat(mine.code()).isEqualTo(JobsErrorCode.VERSION_MISMATCH);
        assertThat(theirs.error.code).isEqualTo(RejectedErrorCode.VERSION_MISMATCH);
        assertThat(mine.clientToken()).isNotNull();
        assertThat(mine.errorMessage()).isEqualTo(theirs.error.message);
        assertThat(mine.executionState().status().name()).isEqualTo(theirs.error.executionState.status.name());
        assertThat(mine.executionState().statusDetails()).isEqualTo(theirs.error.executionState.statusDetails);
        assertThat(mine.executionState().versionNumber())
                .isEqualTo(theirs.error.executionState.versionNumber.longValue()).isEqualTo(2);
    }

    @Test
    void aShadowRejectionsCodeAndMessage() throws Exception {
        GetShadowRequest request = new GetShadowRequest();
        request.thingName = thing;
        ExecutionException sdkFailure = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> sdk.shadows.getShadow(request).get(WAIT_SECONDS, TimeUnit.SECONDS), ExecutionException.class);
        V2ErrorResponseException theirs = (V2ErrorResponseException) sdkFailure.getCause();

        var mine = failure(ours.services.shadow(thing).get(), dev.mqtt5.aws.iot.shadow.ShadowException.class);

        assertThat(mine.statusCode()).isEqualTo(theirs.getModeledError().code).isEqualTo(404);
        assertThat(mine.errorMessage()).isEqualTo(theirs.getModeledError().message);
    }

    static void assertSameSecond(Instant mine, Date theirs) {
        assertThat(mine).isBetween(theirs.toInstant().minusSeconds(1), theirs.toInstant().plusSeconds(1));
    }

    static <T> V2ClientStreamOptions<T> sdkStreamOptions(BlockingQueue<T> events, CompletableFuture<Void> established) {
        return V2ClientStreamOptions.<T>builder().withStreamEventHandler(events::add)
                .withSubscriptionEventHandler((event) -> {
                    if (event.getType() == SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED) {
                        established.complete(null);
                    }
                }).build();
    }

    /** The SDK's modeled Jobs rejection of a request. */
    record V2ErrorOfJobs(software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponse error) {

        static V2ErrorOfJobs of(CompletableFuture<?> request) throws Exception {
            try {
                request.get(WAIT_SECONDS, TimeUnit.SECONDS);
                throw new AssertionError("the SDK's request was accepted");
            } catch (ExecutionException ex) {
                return new V2ErrorOfJobs(((software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponseException) ex
                        .getCause()).getModeledError());
            }
        }
    }
}
