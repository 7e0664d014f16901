package dev.mqtt5.aws.iot.jobs;

import static dev.mqtt5.aws.iot.testing.ScriptedResponder.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mqtt5.aws.iot.rr.RequestResponseClient;
import dev.mqtt5.aws.iot.testing.ScriptedResponder;
import dev.mqtt5.aws.iot.testing.TestClients;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error code the Jobs service documents reaches the caller as a {@link JobsException} with its named code. */
@ExtendWith(MosquittoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsErrorsTest {

    private static final String JOBS = "$aws/things/robot-9/jobs";

    private ScriptedResponder responder;
    private Mqtt5Client device;
    private RequestResponseClient rr;
    private volatile String nextCode;

    @BeforeAll
    void connect(MosquittoBroker broker) {
        responder = ScriptedResponder.start(broker);
        responder.on(JOBS + "/get", request -> responder.reply(JOBS + "/get/rejected", object()
                .put("code", nextCode).put("message", "scripted " + nextCode)
                .put("clientToken", request.clientToken()).put("timestamp", 1_700_000_000L)));
        device = TestClients.persistent(broker);
        rr = RequestResponseClient.create(device, null, null);
    }

    @AfterAll
    void close() {
        rr.close();
        device.close();
        responder.close();
    }

    @ParameterizedTest
    @CsvSource({
        "InvalidTopic, INVALID_TOPIC",
        "InvalidJson, INVALID_JSON",
        "InvalidRequest, INVALID_REQUEST",
        "InvalidStateTransition, INVALID_STATE_TRANSITION",
        "ResourceNotFound, RESOURCE_NOT_FOUND",
        "VersionMismatch, VERSION_MISMATCH",
        "InternalError, INTERNAL_ERROR",
        "RequestThrottled, REQUEST_THROTTLED",
        "TerminalStateReached, TERMINAL_STATE_REACHED",
        "SomethingNew, UNKNOWN"
    })
    void aRejectionBecomesAJobsExceptionWithItsNamedCode(String wire, JobsErrorCode expected) {
        nextCode = wire;

        Throwable failure = catchThrowable(() -> JobsClient.forThing(rr, "robot-9").getPendingExecutions()
                .get(10, TimeUnit.SECONDS));

        JobsException rejected = (JobsException) failure.getCause();
        assertThat(rejected.code()).isEqualTo(expected);
        assertThat(rejected.wireCode()).isEqualTo(wire);
        assertThat(rejected.errorMessage()).isEqualTo("scripted " + wire);
        assertThat(rejected.clientToken()).isNotNull();
        assertThat(rejected.executionState()).isNull();
        assertThat(rejected).hasMessageContaining("thing 'robot-9'");
    }
}
