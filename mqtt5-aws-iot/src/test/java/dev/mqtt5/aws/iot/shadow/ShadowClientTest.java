package dev.mqtt5.aws.iot.shadow;

import static dev.mqtt5.aws.iot.testing.ScriptedResponder.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.aws.iot.rr.RequestResponseClient;
import dev.mqtt5.aws.iot.rr.StreamingOperation;
import dev.mqtt5.aws.iot.rr.SubscriptionStatusEvent;
import dev.mqtt5.aws.iot.testing.FakeShadowService;
import dev.mqtt5.aws.iot.testing.ScriptedResponder;
import dev.mqtt5.aws.iot.testing.ScriptedResponder.Request;
import dev.mqtt5.aws.iot.testing.TestClients;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** The Device Shadow client against mosquitto and a fake shadow that answers as AWS documents. */
@ExtendWith(MosquittoExtension.class)
class ShadowClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CLASSIC = "$aws/things/lamp-1/shadow";
    private static final String NAMED = "$aws/things/lamp-1/shadow/name/config";

    /** The user's state type. */
    record Lamp(String color, Integer brightness) {
    }

    private ScriptedResponder responder;
    private Mqtt5Client device;
    private RequestResponseClient rr;

    @BeforeEach
    void connect(MosquittoBroker broker) {
        responder = ScriptedResponder.start(broker);
        device = TestClients.persistent(broker);
        rr = RequestResponseClient.create(device, null, null);
    }

    @AfterEach
    void close() {
        rr.close();
        device.close();
        responder.close();
    }

    @Test
    void updateThenGetRoundTripsTheUsersRecordsWithVersionsAndDelta() throws Exception {
        FakeShadowService service = new FakeShadowService(responder, CLASSIC);
        ShadowClient shadow = ShadowClient.classic(rr, "lamp-1");

        ShadowDocument<Lamp> accepted = shadow.update(ShadowUpdate.builder().desired(new Lamp("red", 80))
                .reported(new Lamp("blue", 80)).build(), Lamp.class).get(10, TimeUnit.SECONDS);
        ShadowDocument<Lamp> read = shadow.get(Lamp.class).get(10, TimeUnit.SECONDS);

        assertThat(accepted.version()).isEqualTo(1);
        assertThat(accepted.state().desired()).isEqualTo(new Lamp("red", 80));
        assertThat(read.state().desired()).isEqualTo(new Lamp("red", 80));
        assertThat(read.state().reported()).isEqualTo(new Lamp("blue", 80));
        assertThat(read.state().delta()).isEqualTo(new Lamp("red", null));
        assertThat(read.version()).isEqualTo(service.version());
        assertThat(read.timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(read.clientToken()).isNotNull();
    }

    @Test
    void aNamedShadowUsesItsOwnTopicsAndJsonNodeState() throws Exception {
        new FakeShadowService(responder, NAMED);
        ShadowClient shadow = ShadowClient.named(rr, "lamp-1", "config");

        shadow.update(ShadowUpdate.reported(object().put("mode", "eco"))).get(10, TimeUnit.SECONDS);
        ShadowDocument<JsonNode> read = shadow.get().get(10, TimeUnit.SECONDS);

        assertThat(read.state().reported().get("mode").asString()).isEqualTo("eco");
        assertThat(responder.received()).extracting(Request::topic).containsExactly(NAMED + "/update", NAMED + "/get");
        assertThat(shadow.topicPrefix()).isEqualTo(NAMED);
    }

    @Test
    void anUpdateSendsTheVersionAndClearedPartsAsAwsExpects() throws Exception {
        FakeShadowService service = new FakeShadowService(responder, CLASSIC);
        ShadowClient shadow = ShadowClient.classic(rr, "lamp-1");
        shadow.update(ShadowUpdate.desired(new Lamp("red", 1))).get(10, TimeUnit.SECONDS);

        shadow.update(ShadowUpdate.builder().clearDesired().reported(new Lamp("red", 1)).version(1)
                .clientToken("token-7").build()).get(10, TimeUnit.SECONDS);

        JsonNode sent = responder.received().get(1).body();
        assertThat(sent.get("version").asLong()).isEqualTo(1);
        assertThat(sent.get("clientToken").asString()).isEqualTo("token-7");
        assertThat(sent.get("state").get("desired").isNull()).isTrue();
        assertThat(service.desired()).isNull();
    }

    @Test
    void aStaleVersionFailsWithVersionConflict() throws Exception {
        new FakeShadowService(responder, CLASSIC);
        ShadowClient shadow = ShadowClient.classic(rr, "lamp-1");
        shadow.update(ShadowUpdate.desired(new Lamp("red", 1))).get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> shadow.update(ShadowUpdate.desired(new Lamp("green", 1)).withVersion(7))
                .get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(ShadowVersionConflictException.class)
                .hasMessageContaining("409").hasMessageContaining("Version conflict")
                .satisfies(e -> assertThat(((ShadowException) e).code()).isEqualTo(ShadowErrorCode.VERSION_CONFLICT));
    }

    @Test
    void updateOptimisticallyRereadsTheLatestVersionAndRetriesAfterConflicts() throws Exception {
        FakeShadowService service = new FakeShadowService(responder, CLASSIC);
        ShadowClient shadow = ShadowClient.classic(rr, "lamp-1");
        shadow.update(ShadowUpdate.reported(new Lamp("red", 10))).get(10, TimeUnit.SECONDS);
        service.injectConflicts(2);
        AtomicInteger calls = new AtomicInteger();

        ShadowDocument<JsonNode> accepted = shadow.updateOptimistically(Lamp.class, current -> {
            calls.incrementAndGet();
            return ShadowUpdate.reported(new Lamp("red", current.state().reported().brightness() + 1));
        }, 3).get(10, TimeUnit.SECONDS);

        assertThat(calls).hasValue(3);
        assertThat(accepted.version()).isEqualTo(service.version());
        List<Long> sentVersions = responder.received().stream().filter(r -> r.topic().endsWith("/update"))
                .skip(1).map(r -> r.body().get("version").asLong()).toList();
        assertThat(sentVersions).containsExactly(1L, 2L, 3L);
    }

    @Test
    void updateOptimisticallyGivesUpAfterMaxAttemptsWithTheConflict() {
        FakeShadowService service = new FakeShadowService(responder, CLASSIC);
        ShadowClient shadow = ShadowClient.classic(rr, "lamp-1");
        service.injectConflicts(5);

        assertThatThrownBy(() -> shadow.updateOptimistically(JsonNode.class,
                current -> ShadowUpdate.reported(object().put("n", 1)), 2).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(ShadowVersionConflictException.class);
        assertThat(responder.received().stream().filter(r -> r.topic().endsWith("/update"))).hasSize(2);
    }

    @Test
    void deltasAndDocumentsStreamsDeliverTypedEvents() throws Exception {
        new FakeShadowService(responder, CLASSIC);
        ShadowClient shadow = ShadowClient.classic(rr, "lamp-1");
        List<ShadowDelta<Lamp>> deltas = new CopyOnWriteArrayList<>();
        List<ShadowDocumentsEvent<Lamp>> documents = new CopyOnWriteArrayList<>();
        List<SubscriptionStatusEvent> status = new CopyOnWriteArrayList<>();
        StreamingOperation deltaStream = shadow.deltas(Lamp.class, deltas::add, status::add);
        shadow.documents(Lamp.class, documents::add, status::add);
        Awaitility.await().atMost(WAIT).until(() -> status.size() == 2);

        shadow.update(ShadowUpdate.reported(new Lamp("blue", 5))).get(10, TimeUnit.SECONDS);
        shadow.update(ShadowUpdate.desired(new Lamp("green", 5))).get(10, TimeUnit.SECONDS);

        Awaitility.await().atMost(WAIT).until(() -> deltas.size() == 1 && documents.size() == 2);
        assertThat(deltas.get(0).state()).isEqualTo(new Lamp("green", null));
        assertThat(deltas.get(0).version()).isEqualTo(2);
        assertThat(documents.get(0).previous()).isNull();
        assertThat(documents.get(1).previous().state().reported()).isEqualTo(new Lamp("blue", 5));
        assertThat(documents.get(1).current().state().desired()).isEqualTo(new Lamp("green", 5));
        assertThat(documents.get(1).current().version()).isEqualTo(2);
        deltaStream.close();
        assertThat(deltaStream.isOpen()).isFalse();
    }

    @Test
    void deleteReturnsTheVersionAndAMissingShadowIsNotFound() throws Exception {
        new FakeShadowService(responder, CLASSIC);
        ShadowClient shadow = ShadowClient.classic(rr, "lamp-1");
        shadow.update(ShadowUpdate.reported(new Lamp("red", 1))).get(10, TimeUnit.SECONDS);

        assertThat(shadow.delete().get(10, TimeUnit.SECONDS).version()).isEqualTo(1);
        assertThatThrownBy(() -> shadow.get(Lamp.class).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(ShadowException.class)
                .satisfies(e -> assertThat(((ShadowException) e).code()).isEqualTo(ShadowErrorCode.NOT_FOUND));
    }

    @Test
    void thingAndShadowNamesThatWouldBreakTheTopicsAreRefused() {
        assertThatThrownBy(() -> ShadowClient.classic(rr, "a/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thingName");
        assertThatThrownBy(() -> ShadowClient.named(rr, "a", "+")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shadowName");
    }
}
