package dev.mqtt5.aws.iot.shadow;

import static dev.mqtt5.aws.iot.testing.ScriptedResponder.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mqtt5.aws.iot.rr.RequestResponseClient;
import dev.mqtt5.aws.iot.testing.ScriptedResponder;
import dev.mqtt5.aws.iot.testing.TestClients;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error code the Device Shadow service documents reaches the caller as a typed {@link ShadowException}. */
@ExtendWith(MosquittoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShadowErrorsTest {

    private static final String PREFIX = "$aws/things/pump/shadow";

    private ScriptedResponder responder;
    private Mqtt5Client device;
    private RequestResponseClient rr;
    private volatile int nextCode;
    private volatile String nextMessage;

    @BeforeAll
    void connect(MosquittoBroker broker) {
        responder = ScriptedResponder.start(broker);
        responder.on(PREFIX + "/update", request -> responder.reply(PREFIX + "/update/rejected", object()
                .put("code", nextCode).put("message", nextMessage).put("timestamp", 1_700_000_000L)
                .put("clientToken", request.clientToken())));
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
        "400, Missing required node: state, BAD_REQUEST",
        "401, Unauthorized, UNAUTHORIZED",
        "403, Forbidden, FORBIDDEN",
        "404, Thing not found, NOT_FOUND",
        "409, Version conflict, VERSION_CONFLICT",
        "413, The payload exceeds the maximum size allowed, PAYLOAD_TOO_LARGE",
        "415, Unsupported documented encoding; supported encoding is UTF-8, UNSUPPORTED_MEDIA_TYPE",
        "429, Too many requests, TOO_MANY_REQUESTS",
        "500, Internal service failure, INTERNAL_ERROR",
        "418, Something new, UNKNOWN"
    })
    void aRejectionBecomesAShadowExceptionWithItsCode(int code, String message, ShadowErrorCode expected)
            throws Exception {
        nextCode = code;
        nextMessage = message;

        Throwable failure = catchThrowable(() -> ShadowClient.classic(rr, "pump")
                .update(ShadowUpdate.reported(object().put("on", true))).get(10, TimeUnit.SECONDS));

        assertThat(failure).isInstanceOf(ExecutionException.class);
        ShadowException rejected = (ShadowException) failure.getCause();
        assertThat(rejected.code()).isEqualTo(expected);
        assertThat(rejected.statusCode()).isEqualTo(code);
        assertThat(rejected.errorMessage()).isEqualTo(message);
        assertThat(rejected.clientToken()).isNotNull();
        assertThat(rejected.timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(rejected).hasMessageContaining("the classic shadow of thing 'pump'");
        assertThat(rejected instanceof ShadowVersionConflictException).isEqualTo(code == 409);
    }
}
