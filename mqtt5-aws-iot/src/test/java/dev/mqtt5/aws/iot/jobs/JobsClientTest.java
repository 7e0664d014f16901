package dev.mqtt5.aws.iot.jobs;

import static dev.mqtt5.aws.iot.testing.ScriptedResponder.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mqtt5.aws.iot.rr.RequestResponseClient;
import dev.mqtt5.aws.iot.rr.SubscriptionStatusEvent;
import dev.mqtt5.aws.iot.testing.ScriptedResponder;
import dev.mqtt5.aws.iot.testing.ScriptedResponder.Request;
import dev.mqtt5.aws.iot.testing.TestClients;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** The Jobs client against mosquitto and a scripted Jobs service answering with the documented payloads. */
@ExtendWith(MosquittoExtension.class)
class JobsClientTest {

    private static final String JOBS = "$aws/things/robot-7/jobs";
    private static final String EXECUTION = """
            {"jobId":"fw-2","thingName":"robot-7","jobDocument":{"url":"https://example.com/fw.bin"},
             "status":"IN_PROGRESS","statusDetails":{"step":"download"},"queuedAt":1700000000,
             "startedAt":1700000100,"lastUpdatedAt":1700000200,"versionNumber":2,"executionNumber":1}""";

    private ScriptedResponder responder;
    private Mqtt5Client device;
    private RequestResponseClient rr;
    private JobsClient jobs;

    @BeforeEach
    void connect(MosquittoBroker broker) {
        responder = ScriptedResponder.start(broker);
        device = TestClients.persistent(broker);
        rr = RequestResponseClient.create(device, null, null);
        jobs = JobsClient.forThing(rr, "robot-7");
    }

    @AfterEach
    void close() {
        rr.close();
        device.close();
        responder.close();
    }

    private void answer(String operation, String suffix, String body) {
        responder.on(JOBS + "/" + operation, request -> {
            String withToken = body.replace("\"TOKEN\"", "\"" + request.clientToken() + "\"");
            responder.reply(JOBS + "/" + operation + "/" + suffix, withToken);
        });
    }

    @Test
    void pendingExecutionsAreListedInProgressAndQueued() throws Exception {
        answer("get", "accepted", """
                {"inProgressJobs":[{"jobId":"fw-2","queuedAt":1700000000,"startedAt":1700000100,
                  "lastUpdatedAt":1700000200,"versionNumber":2,"executionNumber":1}],
                 "queuedJobs":[{"jobId":"cfg-3","queuedAt":1700000300,"versionNumber":1,"executionNumber":1}],
                 "timestamp":1700000400,"clientToken":"TOKEN"}""");

        PendingJobExecutions pending = jobs.getPendingExecutions().get(10, TimeUnit.SECONDS);

        assertThat(pending.inProgressJobs()).extracting(JobExecutionSummary::jobId).containsExactly("fw-2");
        assertThat(pending.inProgressJobs().get(0).startedAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_100L));
        assertThat(pending.queuedJobs()).extracting(JobExecutionSummary::jobId).containsExactly("cfg-3");
        assertThat(pending.queuedJobs().get(0).startedAt()).isNull();
        assertThat(pending.timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_400L));
    }

    @Test
    void startNextSendsDetailsAndStepTimeoutAndReturnsTheExecutionOrNullWhenNoneIsPending() throws Exception {
        answer("start-next", "accepted", "{\"execution\":" + EXECUTION + ",\"timestamp\":1,\"clientToken\":\"TOKEN\"}");

        JobExecution started = jobs.startNext(Map.of("step", "download"), Duration.ofMinutes(15))
                .get(10, TimeUnit.SECONDS);

        JsonNode sent = responder.received().get(0).body();
        assertThat(sent.get("statusDetails").get("step").asString()).isEqualTo("download");
        assertThat(sent.get("stepTimeoutInMinutes").asInt()).isEqualTo(15);
        assertThat(started.jobId()).isEqualTo("fw-2");
        assertThat(started.status()).isEqualTo(JobStatus.IN_PROGRESS);
        assertThat(started.statusDetails()).containsEntry("step", "download");
        assertThat(started.jobDocument().get("url").asString()).isEqualTo("https://example.com/fw.bin");
        assertThat(started.versionNumber()).isEqualTo(2);
        assertThat(started.executionNumber()).isEqualTo(1);

        JobsClient idle = JobsClient.forThing(rr, "idle-thing");
        responder.on("$aws/things/idle-thing/jobs/start-next", request -> responder.reply(
                "$aws/things/idle-thing/jobs/start-next/accepted",
                "{\"timestamp\":1,\"clientToken\":\"" + request.clientToken() + "\"}"));
        assertThat(idle.startNext(Map.of(), null).get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void describeAsksForTheNextOrANamedExecutionWithOrWithoutItsDocument() throws Exception {
        answer("$next/get", "accepted", "{\"execution\":" + EXECUTION + ",\"timestamp\":1,\"clientToken\":\"TOKEN\"}");
        answer("fw-2/get", "accepted", "{\"execution\":" + EXECUTION + ",\"timestamp\":1,\"clientToken\":\"TOKEN\"}");

        assertThat(jobs.describe(JobsClient.NEXT, null, true).get(10, TimeUnit.SECONDS).jobId()).isEqualTo("fw-2");
        assertThat(jobs.describe("fw-2", 1L, false).get(10, TimeUnit.SECONDS).thingName()).isEqualTo("robot-7");

        List<Request> sent = responder.received();
        assertThat(sent.get(0).topic()).isEqualTo(JOBS + "/$next/get");
        assertThat(sent.get(0).body().get("includeJobDocument").asBoolean()).isTrue();
        assertThat(sent.get(1).body().get("executionNumber").asLong()).isEqualTo(1);
        assertThat(sent.get(1).body().get("includeJobDocument").asBoolean()).isFalse();
    }

    @Test
    void updateSendsEveryFieldAndReturnsTheStateAndDocumentAskedFor() throws Exception {
        answer("fw-2/update", "accepted", """
                {"executionState":{"status":"SUCCEEDED","statusDetails":{"result":"ok"},"versionNumber":3},
                 "jobDocument":{"url":"https://example.com/fw.bin"},"timestamp":1700000500,"clientToken":"TOKEN"}""");

        JobExecutionUpdated updated = jobs.update(JobExecutionUpdate.builder("fw-2", JobStatus.SUCCEEDED)
                .statusDetail("result", "ok").expectedVersion(2).executionNumber(1).stepTimeout(Duration.ofMinutes(5))
                .includeJobExecutionState(true).includeJobDocument(true).clientToken("update-1").build())
                .get(10, TimeUnit.SECONDS);

        assertThat(responder.received().get(0).body()).isEqualTo(json("""
                {"status":"SUCCEEDED","statusDetails":{"result":"ok"},"expectedVersion":2,"executionNumber":1,
                 "stepTimeoutInMinutes":5,"includeJobExecutionState":true,"includeJobDocument":true,
                 "clientToken":"update-1"}"""));
        assertThat(updated.executionState()).isEqualTo(new JobExecutionState(JobStatus.SUCCEEDED,
                Map.of("result", "ok"), 3));
        assertThat(updated.jobDocument().get("url").asString()).isEqualTo("https://example.com/fw.bin");
        assertThat(updated.clientToken()).isEqualTo("update-1");
    }

    @Test
    void versionMismatchAndInvalidStateTransitionCarryTheCurrentExecutionState() {
        answer("fw-2/update", "rejected", """
                {"code":"VersionMismatch","message":"expected version 1, was 4","clientToken":"TOKEN",
                 "timestamp":1700000600,"executionState":{"status":"IN_PROGRESS","statusDetails":{"step":"flash"},
                 "versionNumber":4}}""");
        answer("cfg-3/update", "rejected", """
                {"code":"InvalidStateTransition","message":"SUCCEEDED cannot become IN_PROGRESS",
                 "clientToken":"TOKEN","timestamp":1700000700,"executionState":{"status":"SUCCEEDED",
                 "versionNumber":9}}""");

        JobsException mismatch = rejection(JobExecutionUpdate.builder("fw-2", JobStatus.IN_PROGRESS)
                .expectedVersion(1).build());
        JobsException transition = rejection(JobExecutionUpdate.builder("cfg-3", JobStatus.IN_PROGRESS).build());

        assertThat(mismatch.code()).isEqualTo(JobsErrorCode.VERSION_MISMATCH);
        assertThat(mismatch.executionState()).isEqualTo(new JobExecutionState(JobStatus.IN_PROGRESS,
                Map.of("step", "flash"), 4));
        assertThat(mismatch).hasMessageContaining("VersionMismatch").hasMessageContaining("version 4");
        assertThat(transition.code()).isEqualTo(JobsErrorCode.INVALID_STATE_TRANSITION);
        assertThat(transition.executionState().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(transition.executionState().versionNumber()).isEqualTo(9);
        assertThat(transition.timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_700L));
    }

    private JobsException rejection(JobExecutionUpdate update) {
        Throwable failure = catchThrowable(() -> jobs.update(update).get(10, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(JobsException.class);
        return (JobsException) failure.getCause();
    }

    @Test
    void notifyNextAndNotifyStreamsDecodeTheEvents() {
        List<NextJobExecutionChanged> next = new CopyOnWriteArrayList<>();
        List<JobExecutionsChanged> changed = new CopyOnWriteArrayList<>();
        List<SubscriptionStatusEvent> status = new CopyOnWriteArrayList<>();
        jobs.nextExecutionChanged(next::add, status::add);
        jobs.executionsChanged(changed::add, status::add);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> status.size() == 2);

        responder.reply(JOBS + "/notify-next", "{\"timestamp\":1700000800,\"execution\":" + EXECUTION + "}");
        responder.reply(JOBS + "/notify-next", "{\"timestamp\":1700000900}");
        responder.reply(JOBS + "/notify", """
                {"timestamp":1700001000,"jobs":{"QUEUED":[{"jobId":"cfg-3","queuedAt":1700000300,
                 "versionNumber":1,"executionNumber":1}],"IN_PROGRESS":[{"jobId":"fw-2","versionNumber":2,
                 "executionNumber":1}]}}""");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> next.size() == 2 && changed.size() == 1);
        assertThat(next.get(0).execution().jobId()).isEqualTo("fw-2");
        assertThat(next.get(1).execution()).isNull();
        assertThat(next.get(1).timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_900L));
        assertThat(changed.get(0).jobs().get(JobStatus.QUEUED)).extracting(JobExecutionSummary::jobId)
                .containsExactly("cfg-3");
        assertThat(changed.get(0).jobs().get(JobStatus.IN_PROGRESS)).extracting(JobExecutionSummary::jobId)
                .containsExactly("fw-2");
    }
}
