package dev.mqtt5.aws.iot.rr;

import static dev.mqtt5.aws.iot.testing.ScriptedResponder.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.aws.iot.testing.ScriptedResponder;
import dev.mqtt5.aws.iot.testing.TestClients;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.exception.PublishFailedException;
import dev.mqtt5.client.testing.MosquittoBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker that crashes, or refuses a subscription: requests fail clearly, streams recover or halt. */
class RequestResponseBrokerFailuresTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void afterABrokerRestartPendingRequestsFailAndStreamsResubscribeAndReceiveAgain() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
                ScriptedResponder responder = ScriptedResponder.start(broker);
                Mqtt5Client device = TestClients.connected(broker, b -> b.reconnectOptions(
                        ReconnectOptions.builder().minDelay(Duration.ofMillis(100)).build()));
                RequestResponseClient rr = RequestResponseClient.create(device, null, null)) {
            responder.on("svc/silent", request -> { });
            List<ServiceMessage> events = new CopyOnWriteArrayList<>();
            List<SubscriptionStatusEvent> status = new CopyOnWriteArrayList<>();
            rr.openStream("svc/events", events::add, status::add);
            Awaitility.await().atMost(WAIT).until(() -> status.size() == 1);
            CompletableFuture<ServiceMessage> pending = rr.submit(ServiceRequest.correlated("svc/silent", object()));
            responder.awaitRequest(WAIT);

            broker.restart();

            assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(RequestFailedException.class).hasMessageContaining("session was lost");
            Awaitility.await().atMost(WAIT).until(() -> status.size() == 3);
            assertThat(status).extracting(SubscriptionStatusEvent::type).containsExactly(
                    SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED, SubscriptionStatusEventType.SUBSCRIPTION_LOST,
                    SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED);
            TestClients.awaitConnected(device);
            Awaitility.await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                responder.reply("svc/events", object().put("after", "restart"));
                assertThat(events).isNotEmpty();
            });
            assertThat(events.get(0).body().get("after").asString()).isEqualTo("restart");
        }
    }

    @Test
    void aRequestWhosePublishTheBrokerRefusesFailsWithTheBrokersReasonAndReleasesItsSubscriptions(
            @TempDir Path directory) throws IOException {
        // mosquitto grants the SUBSCRIBE and refuses the PUBLISH (PUBACK 0x87), as a policy would.
        Path acl = Files.writeString(directory.resolve("acl"), "topic readwrite allowed/#\n");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(acl, PosixFilePermissions.fromString("rw-r--r--"));
        try (MosquittoBroker broker = MosquittoBroker.builder().configLine("acl_file " + acl).start();
                Mqtt5Client device = TestClients.persistent(broker);
                RequestResponseClient rr = RequestResponseClient.create(device, null, null)) {

            CompletableFuture<ServiceMessage> reply = rr.submit(ServiceRequest.correlated("denied/op", object()));

            assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(RequestFailedException.class).hasMessageContaining("denied/op")
                    .hasMessageContaining("NOT_AUTHORIZED").hasCauseInstanceOf(PublishFailedException.class);
            Awaitility.await().atMost(WAIT).until(() -> rr.subscriptionFilters().isEmpty());
        }
    }

    @Test
    void aStreamTheClientCannotSubscribeHaltsWithTheReason() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
                Mqtt5Client device = TestClients.persistent(broker);
                RequestResponseClient rr = RequestResponseClient.create(device, null, null)) {
            List<SubscriptionStatusEvent> status = new CopyOnWriteArrayList<>();

            StreamingOperation stream = rr.openStream("events/#/bad", message -> { }, status::add);

            Awaitility.await().atMost(WAIT).until(() -> !status.isEmpty());
            assertThat(status.get(0).type()).isEqualTo(SubscriptionStatusEventType.SUBSCRIPTION_HALTED);
            assertThat(status.get(0).error()).isInstanceOf(RequestFailedException.class)
                    .hasMessageContaining("events/#/bad").hasCauseInstanceOf(IllegalArgumentException.class);
            assertThat(stream.isOpen()).isFalse();
            assertThat(rr.subscriptionFilters()).isEmpty();
        }
    }
}
