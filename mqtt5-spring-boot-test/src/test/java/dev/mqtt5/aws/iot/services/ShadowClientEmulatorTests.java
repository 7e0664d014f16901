package dev.mqtt5.aws.iot.services;

import static dev.mqtt5.aws.iot.services.LibraryDevice.WAIT_SECONDS;
import static dev.mqtt5.aws.iot.services.LibraryDevice.await;
import static dev.mqtt5.aws.iot.services.LibraryDevice.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.Map;
import java.util.function.Consumer;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.aws.iot.rr.StreamingOperation;
import dev.mqtt5.aws.iot.rr.SubscriptionStatusEvent;
import dev.mqtt5.aws.iot.rr.SubscriptionStatusEventType;
import dev.mqtt5.aws.iot.shadow.ShadowClient;
import dev.mqtt5.aws.iot.shadow.ShadowDelta;
import dev.mqtt5.aws.iot.shadow.ShadowDocument;
import dev.mqtt5.aws.iot.shadow.ShadowDocumentsEvent;
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

/** Every {@link ShadowClient} operation, classic and named, against the AWS IoT emulator on mosquitto. */
class ShadowClientEmulatorTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static AwsIotEmulator emulator;

    static LibraryDevice device;

    record Lamp(String color, Integer brightness) {
    }

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

    static String newThing() {
        return "lamp-" + UUID.randomUUID();
    }

    @Test
    void classicShadowUpdateGetAndDeleteWithRecordState() {
        ShadowClient shadow = device.services.shadow(newThing());

        ShadowDocument<Lamp> accepted = await(shadow.update(ShadowUpdate.builder().desired(new Lamp("green", 80))
                .reported(new Lamp("red", 80)).clientToken("first").build(), Lamp.class));
        assertThat(accepted.version()).isEqualTo(1);
        assertThat(accepted.state().desired()).isEqualTo(new Lamp("green", 80));
        assertThat(accepted.state().reported()).isEqualTo(new Lamp("red", 80));
        assertThat(accepted.clientToken()).isEqualTo("first");
        assertThat(accepted.timestamp()).isNotNull();

        ShadowDocument<Lamp> read = await(shadow.get(Lamp.class));
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.state().delta()).isEqualTo(new Lamp("green", null));
        assertThat(read.state().reported()).isEqualTo(new Lamp("red", 80));
        assertThat(read.metadata().at("/reported/color/timestamp").isNumber()).isTrue();
        assertThat(read.clientToken()).isNotBlank();

        assertThat(await(shadow.delete()).version()).isEqualTo(1);
        assertThat(failure(shadow.get(Lamp.class), ShadowException.class).code()).isEqualTo(ShadowErrorCode.NOT_FOUND);
        assertThat(await(shadow.update(ShadowUpdate.reported(new Lamp("red", 1)))).version())
                .as("the version survives a delete").isEqualTo(2);
    }

    @Test
    void namedShadowIsSeparateFromTheClassicOne() {
        String thing = newThing();
        ShadowClient config = device.services.namedShadow(thing, "config");

        ShadowDocument<JsonNode> accepted = await(config.update(ShadowUpdate.reported(Map.of("mode", "eco"))));
        assertThat(accepted.state().reported().get("mode").asString()).isEqualTo("eco");

        assertThat(await(config.get()).state().reported().get("mode").asString()).isEqualTo("eco");
        assertThat(emulator.shadows().document(thing, "config")).isPresent();
        assertThat(failure(device.services.shadow(thing).get(), ShadowException.class).code())
                .isEqualTo(ShadowErrorCode.NOT_FOUND);
        assertThat(await(config.delete()).version()).isEqualTo(1);
        assertThat(emulator.shadows().document(thing, "config")).isEmpty();
    }

    @Test
    void aNullFieldDeletesItAndClearDesiredDeletesTheWholeSection() {
        ShadowClient shadow = device.services.shadow(newThing());
        await(shadow.update(ShadowUpdate.builder().desired(new Lamp("green", 50)).reported(new Lamp("red", 50))
                .build()));

        await(shadow.update(ShadowUpdate.reported(Collections.singletonMap("brightness", null))));
        assertThat(await(shadow.get(Lamp.class)).state().reported()).isEqualTo(new Lamp("red", null));

        await(shadow.update(ShadowUpdate.builder().clearDesired().build()));
        ShadowDocument<Lamp> read = await(shadow.get(Lamp.class));
        assertThat(read.state().desired()).isNull();
        assertThat(read.state().delta()).isNull();
        assertThat(read.version()).isEqualTo(3);
    }

    @Test
    void theDeltaStreamReceivesCloudSideDesiredStateAsARecord() throws Exception {
        String thing = newThing();
        ShadowClient shadow = device.services.shadow(thing);
        BlockingQueue<ShadowDelta<Lamp>> deltas = new LinkedBlockingQueue<>();
        CompletableFuture<Void> established = new CompletableFuture<>();
        try (StreamingOperation stream = shadow.deltas(Lamp.class, deltas::add, established(established))) {
            established.get(WAIT_SECONDS, TimeUnit.SECONDS);

            emulator.shadows().updateDesired(thing, null, "{\"color\":\"blue\",\"brightness\":30}");
            ShadowDelta<Lamp> delta = deltas.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(delta).isNotNull();
            assertThat(delta.state()).isEqualTo(new Lamp("blue", 30));
            assertThat(delta.version()).isEqualTo(1);
            assertThat(delta.metadata().at("/color/timestamp").isNumber()).isTrue();

            await(shadow.update(ShadowUpdate.reported(new Lamp("blue", 10))));
            emulator.shadows().updateDesired(thing, null, "{\"brightness\":60}");
            ShadowDelta<Lamp> next = deltas.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(next).isNotNull();
            assertThat(next.state()).as("only what still differs").isEqualTo(new Lamp(null, 60));
            assertThat(next.version()).isEqualTo(3);
        }
    }

    @Test
    void aNamedShadowsDeltaStreamReceivesOnlyThatShadowsDeltas() throws Exception {
        String thing = newThing();
        BlockingQueue<ShadowDelta<JsonNode>> deltas = new LinkedBlockingQueue<>();
        CompletableFuture<Void> established = new CompletableFuture<>();
        try (StreamingOperation stream = device.services.namedShadow(thing, "config").deltas(JsonNode.class,
                deltas::add, established(established))) {
            established.get(WAIT_SECONDS, TimeUnit.SECONDS);

            emulator.shadows().updateDesired(thing, null, "{\"classic\":true}");
            emulator.shadows().updateDesired(thing, "other", "{\"other\":true}");
            emulator.shadows().updateDesired(thing, "config", "{\"named\":true}");

            ShadowDelta<JsonNode> delta = deltas.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(delta).isNotNull();
            assertThat(delta.state().get("named").asBoolean()).isTrue();
            assertThat(deltas.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void theDocumentsStreamReceivesTheShadowBeforeAndAfterEachUpdate() throws Exception {
        ShadowClient shadow = device.services.namedShadow(newThing(), "state");
        BlockingQueue<ShadowDocumentsEvent<Lamp>> events = new LinkedBlockingQueue<>();
        CompletableFuture<Void> established = new CompletableFuture<>();
        try (StreamingOperation stream = shadow.documents(Lamp.class, events::add, established(established))) {
            established.get(WAIT_SECONDS, TimeUnit.SECONDS);

            await(shadow.update(ShadowUpdate.builder().reported(new Lamp("red", 1)).clientToken("one").build()));
            ShadowDocumentsEvent<Lamp> first = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.previous()).as("no shadow before the first update").isNull();
            assertThat(first.current().state().reported()).isEqualTo(new Lamp("red", 1));
            assertThat(first.current().version()).isEqualTo(1);
            assertThat(first.clientToken()).isEqualTo("one");

            await(shadow.update(ShadowUpdate.desired(new Lamp("green", null))));
            ShadowDocumentsEvent<Lamp> second = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(second).isNotNull();
            assertThat(second.previous().version()).isEqualTo(1);
            assertThat(second.previous().state().desired()).isNull();
            assertThat(second.current().version()).isEqualTo(2);
            assertThat(second.current().state().desired()).isEqualTo(new Lamp("green", null));
            assertThat(second.current().state().reported()).isEqualTo(new Lamp("red", 1));
            assertThat(second.current().metadata().at("/desired/color/timestamp").isNumber()).isTrue();
        }
    }

    @Test
    void updateOptimisticallyRereadsAndRetriesAfterAConcurrentChange() {
        String thing = newThing();
        ShadowClient shadow = device.services.shadow(thing);
        await(shadow.update(ShadowUpdate.desired(new Lamp("red", 10))));
        AtomicInteger calls = new AtomicInteger();

        ShadowDocument<JsonNode> accepted = await(shadow.updateOptimistically(Lamp.class, (latest) -> {
            if (calls.incrementAndGet() == 1) {
                // someone else changes the shadow between our read and our write
                emulator.shadows().updateDesired(thing, null, "{\"brightness\":99}");
            }
            return ShadowUpdate.desired(new Lamp("green", latest.state().desired().brightness()));
        }, 3));

        assertThat(calls).hasValue(2);
        assertThat(accepted.version()).isEqualTo(3);
        assertThat(await(shadow.get(Lamp.class)).state().desired()).isEqualTo(new Lamp("green", 99));
    }

    @Test
    void updateOptimisticallyGivesUpWithTheVersionConflictAfterMaxAttempts() {
        String thing = newThing();
        ShadowClient shadow = device.services.shadow(thing);
        await(shadow.update(ShadowUpdate.desired(new Lamp("red", 10))));

        ShadowVersionConflictException conflict = failure(shadow.updateOptimistically(Lamp.class, (latest) -> {
            emulator.shadows().updateDesired(thing, null, "{\"brightness\":" + latest.version() + "}");
            return ShadowUpdate.desired(new Lamp("green", 0));
        }, 2), ShadowVersionConflictException.class);

        assertThat(conflict.code()).isEqualTo(ShadowErrorCode.VERSION_CONFLICT);
        assertThat(await(shadow.get(Lamp.class)).state().desired().color()).isEqualTo("red");
    }

    @Test
    void updateOptimisticallyCreatesAShadowThatDoesNotExistYet() {
        ShadowClient shadow = device.services.namedShadow(newThing(), "fresh");

        ShadowDocument<JsonNode> accepted = await(shadow.updateOptimistically(Lamp.class,
                (latest) -> ShadowUpdate.reported(new Lamp(latest == null ? "new" : "old", 1)), 1));

        assertThat(accepted.version()).isEqualTo(1);
        assertThat(await(shadow.get(Lamp.class)).state().reported()).isEqualTo(new Lamp("new", 1));
    }

    static Consumer<SubscriptionStatusEvent> established(CompletableFuture<Void> established) {
        return (event) -> {
            if (event.type() == SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED) {
                established.complete(null);
            }
        };
    }
}
