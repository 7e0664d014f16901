package dev.mqtt5.aws.iot.rr;

import static dev.mqtt5.aws.iot.testing.ScriptedResponder.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.aws.iot.testing.ScriptedResponder;
import dev.mqtt5.aws.iot.testing.ScriptedResponder.Request;
import dev.mqtt5.aws.iot.testing.TestClients;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a reconnection does to requests and streams: nothing with a resumed session, a clear failure without. */
@ExtendWith(MosquittoExtension.class)
class RequestResponseSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ScriptedResponder responder;
    private Mqtt5Client device;
    private RequestResponseClient rr;

    @AfterEach
    void close() {
        if (rr != null) {
            rr.close();
        }
        if (device != null) {
            device.close();
        }
        if (responder != null) {
            responder.close();
        }
    }

    @Test
    void withTheSessionResumedARequestInFlightGetsItsReplyAndStreamsKeepReceiving(MosquittoBroker broker)
            throws Exception {
        responder = ScriptedResponder.start(broker);
        List<Request> held = new CopyOnWriteArrayList<>();
        responder.on("svc/echo", held::add);
        // REJOIN_ALWAYS: the session is resumed after stop() and start() too.
        device = TestClients.connected(broker, b -> b.sessionBehavior(SessionBehavior.REJOIN_ALWAYS));
        rr = RequestResponseClient.create(device, null, null);
        List<ServiceMessage> events = new CopyOnWriteArrayList<>();
        List<SubscriptionStatusEvent> status = new CopyOnWriteArrayList<>();
        rr.openStream("svc/events", events::add, status::add);
        Awaitility.await().atMost(WAIT).until(() -> status.size() == 1);

        CompletableFuture<ServiceMessage> reply = rr.submit(ServiceRequest.correlated("svc/echo", object()));
        Awaitility.await().atMost(WAIT).until(() -> held.size() == 1);
        device.stop().get(10, TimeUnit.SECONDS);
        // The reply and an event come while the device is away; the broker keeps them in its session.
        responder.reply("svc/echo/accepted", object().put("clientToken", held.get(0).clientToken()));
        responder.reply("svc/events", object().put("n", 1));
        device.start();

        assertThat(reply.get(10, TimeUnit.SECONDS).topic()).isEqualTo("svc/echo/accepted");
        Awaitility.await().atMost(WAIT).until(() -> events.size() == 1);
        assertThat(status).extracting(SubscriptionStatusEvent::type)
                .containsExactly(SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED);
    }

    @Test
    void withTheSessionLostPendingRequestsFailAndStreamsAreLostThenEstablishedAndStillReceive(MosquittoBroker broker)
            throws Exception {
        responder = ScriptedResponder.start(broker);
        responder.on("svc/silent", request -> { });
        device = TestClients.sessionPerConnection(broker);
        rr = RequestResponseClient.create(device, null, null);
        List<ServiceMessage> events = new CopyOnWriteArrayList<>();
        List<SubscriptionStatusEvent> status = new CopyOnWriteArrayList<>();
        rr.openStream("svc/events", events::add, status::add);
        Awaitility.await().atMost(WAIT).until(() -> status.size() == 1);
        CompletableFuture<ServiceMessage> reply = rr.submit(ServiceRequest.correlated("svc/silent", object()));
        responder.awaitRequest(WAIT);

        device.reconnect();

        assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(RequestFailedException.class)
                .hasMessageContaining("session was lost");
        Awaitility.await().atMost(WAIT).until(() -> status.size() == 3);
        assertThat(status).extracting(SubscriptionStatusEvent::type).containsExactly(
                SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED, SubscriptionStatusEventType.SUBSCRIPTION_LOST,
                SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED);
        responder.reply("svc/events", object().put("n", 2));
        Awaitility.await().atMost(WAIT).until(() -> events.size() == 1);
        assertThat(events.get(0).body().get("n").asInt()).isEqualTo(2);
    }

    @Test
    void aRequestSubmittedWhileOfflineIsSentOnceConnectedEvenWithoutSession(MosquittoBroker broker) throws Exception {
        responder = ScriptedResponder.start(broker);
        responder.on("svc/echo", request -> responder.reply("svc/echo/accepted",
                object().put("clientToken", request.clientToken())));
        device = TestClients.sessionPerConnection(broker);
        rr = RequestResponseClient.create(device, null, null);
        device.stop().get(10, TimeUnit.SECONDS);

        CompletableFuture<ServiceMessage> reply = rr.submit(ServiceRequest.correlated("svc/echo", object()));
        device.start();

        assertThat(reply.get(10, TimeUnit.SECONDS).rejected()).isFalse();
    }
}
