package dev.mqtt5.aws.iot.services;

import static dev.mqtt5.aws.iot.services.LibraryDevice.WAIT_SECONDS;
import static dev.mqtt5.aws.iot.services.LibraryDevice.await;
import static dev.mqtt5.aws.iot.services.LibraryDevice.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.aws.iot.shadow.ShadowClient;
import dev.mqtt5.aws.iot.shadow.ShadowDocument;
import dev.mqtt5.aws.iot.shadow.ShadowErrorCode;
import dev.mqtt5.aws.iot.shadow.ShadowException;
import dev.mqtt5.aws.iot.shadow.ShadowUpdate;
import dev.mqtt5.aws.iot.shadow.ShadowVersionConflictException;
import dev.mqtt5.client.testing.MosquittoExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The Device Shadow rejections the emulator produces, arriving through {@link ShadowClient} as
 * {@link ShadowException} with the service's code, message and client token. The emulator answers
 * after 150 ms, so that more than 10 requests can be in flight.
 *
 * <p>Not here: 400 "Invalid JSON" and "Missing required node: state", which the typed client cannot
 * send (it writes JSON with Jackson, and {@code ShadowUpdate.build()} refuses an update without state);
 * {@code ShadowErrorTests} sends them raw. Nor 400 "Invalid clientToken": {@code ShadowUpdate} refuses a
 * token over 64 bytes before sending, because the rejection carries no token to match it by.
 */
class ShadowClientErrorTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static AwsIotEmulator emulator;

    static LibraryDevice device;

    @BeforeAll
    static void start() {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .serviceLatency(Duration.ofMillis(150)).maxShadowStateBytes(1024).build().start();
        device = LibraryDevice.connect(MOSQUITTO.broker());
    }

    @AfterAll
    static void stop() {
        device.close();
        emulator.close();
    }

    static ShadowClient newShadow() {
        return device.services.shadow("thing-" + UUID.randomUUID());
    }

    @Test
    void aStatePartThatIsNoObjectIs400WithTheServicesMessageAndToken() {
        ShadowException desired = failure(newShadow().update(ShadowUpdate.builder().desired(List.of(1, 2))
                .clientToken("bad-desired").build()), ShadowException.class);
        assertThat(desired.code()).isEqualTo(ShadowErrorCode.BAD_REQUEST);
        assertThat(desired.statusCode()).isEqualTo(400);
        assertThat(desired.errorMessage()).isEqualTo("Desired node must be an object");
        assertThat(desired.clientToken()).isEqualTo("bad-desired");
        assertThat(desired.timestamp()).isNotNull();

        ShadowException reported = failure(newShadow().update(ShadowUpdate.reported("on")), ShadowException.class);
        assertThat(reported.code()).isEqualTo(ShadowErrorCode.BAD_REQUEST);
        assertThat(reported.errorMessage()).isEqualTo("Reported node must be an object");
    }

    @Test
    void aStateNestedDeeperThanSixLevelsIs400() {
        Map<String, Object> deep = Map.of("a", Map.of("b", Map.of("c", Map.of("d", Map.of("e", Map.of("f",
                Map.of("g", 1)))))));

        ShadowException error = failure(newShadow().update(ShadowUpdate.reported(deep)), ShadowException.class);

        assertThat(error.code()).isEqualTo(ShadowErrorCode.BAD_REQUEST);
        assertThat(error.errorMessage()).isEqualTo("JSON contains too many levels of nesting; maximum is 6");
    }

    @Test
    void getAndDeleteOfAShadowThatDoesNotExistAre404() {
        ShadowClient shadow = device.services.namedShadow("thing-" + UUID.randomUUID(), "missing");

        ShadowException get = failure(shadow.get(), ShadowException.class);
        assertThat(get.code()).isEqualTo(ShadowErrorCode.NOT_FOUND);
        assertThat(get.errorMessage()).isEqualTo("No shadow exists with name: 'missing'");
        assertThat(failure(shadow.delete(), ShadowException.class).code()).isEqualTo(ShadowErrorCode.NOT_FOUND);
    }

    @Test
    void anUpdateOfAnOlderVersionIsAVersionConflict409() {
        ShadowClient shadow = newShadow();
        await(shadow.update(ShadowUpdate.reported(Map.of("v", 1))));
        await(shadow.update(ShadowUpdate.reported(Map.of("v", 2))));

        ShadowVersionConflictException conflict = failure(shadow.update(ShadowUpdate.reported(Map.of("v", 3))
                .withVersion(1)), ShadowVersionConflictException.class);

        assertThat(conflict.code()).isEqualTo(ShadowErrorCode.VERSION_CONFLICT);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.errorMessage()).isEqualTo("Version conflict");
        assertThat(await(shadow.get()).state().reported().get("v").asInt()).isEqualTo(2);
        assertThat(await(shadow.update(ShadowUpdate.reported(Map.of("v", 3)).withVersion(2))).version()).isEqualTo(3);
    }

    @Test
    void aStateOverTheSizeLimitIs413AndTheShadowKeepsItsState() {
        ShadowClient shadow = newShadow();
        await(shadow.update(ShadowUpdate.reported(Map.of("small", 1))));

        ShadowException error = failure(shadow.update(ShadowUpdate.desired(Map.of("big", "x".repeat(1100)))),
                ShadowException.class);

        assertThat(error.code()).isEqualTo(ShadowErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(error.errorMessage()).isEqualTo("The payload exceeds the maximum size allowed");
        ShadowDocument<JsonNode> kept = await(shadow.get());
        assertThat(kept.version()).isEqualTo(1);
        assertThat(kept.state().desired()).isNull();
    }

    @Test
    void theEleventhRequestInFlightForAThingIs429() throws Exception {
        ShadowClient shadow = newShadow();
        await(shadow.update(ShadowUpdate.reported(Map.of("n", 0))));

        List<CompletableFuture<ShadowDocument<JsonNode>>> gets = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            gets.add(shadow.get());
        }

        List<Throwable> throttled = new ArrayList<>();
        int accepted = 0;
        for (CompletableFuture<ShadowDocument<JsonNode>> get : gets) {
            try {
                assertThat(get.get(WAIT_SECONDS, TimeUnit.SECONDS).version()).isEqualTo(1);
                accepted++;
            } catch (ExecutionException ex) {
                throttled.add(ex.getCause());
            }
        }
        assertThat(accepted).isEqualTo(10);
        assertThat(throttled).singleElement().isInstanceOfSatisfying(ShadowException.class, (error) -> {
            assertThat(error.code()).isEqualTo(ShadowErrorCode.TOO_MANY_REQUESTS);
            assertThat(error.statusCode()).isEqualTo(429);
        });
        assertThat(await(shadow.get()).version()).as("served again once the others are answered").isEqualTo(1);
    }

    @Test
    void anInternalFailureIs500AndTheNextRequestIsServed() {
        ShadowClient shadow = newShadow();
        await(shadow.update(ShadowUpdate.reported(Map.of("n", 1))));
        emulator.failNextRequest();

        ShadowException error = failure(shadow.update(ShadowUpdate.reported(Map.of("n", 2))), ShadowException.class);

        assertThat(error.code()).isEqualTo(ShadowErrorCode.INTERNAL_ERROR);
        assertThat(error).isNotInstanceOf(ShadowVersionConflictException.class);
        assertThat(await(shadow.get()).state().reported().get("n").asInt()).isEqualTo(1);
    }

    @Test
    void aRejectionFailsTheFutureWithTheShadowExceptionForJoinCallersToo() {
        CompletableFuture<ShadowDocument<JsonNode>> get = newShadow().get();

        CompletionException thrown = catchThrowableOfType(get::join,
                CompletionException.class);

        assertThat(thrown.getCause()).isInstanceOf(ShadowException.class)
                .hasMessageContaining("404").hasMessageContaining("get of the classic shadow of thing 'thing-");
    }
}
