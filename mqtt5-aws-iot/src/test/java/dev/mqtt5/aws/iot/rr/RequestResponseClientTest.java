package dev.mqtt5.aws.iot.rr;

import static dev.mqtt5.aws.iot.testing.ScriptedResponder.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.aws.iot.testing.ScriptedResponder;
import dev.mqtt5.aws.iot.testing.ScriptedResponder.Request;
import dev.mqtt5.aws.iot.testing.TestClients;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The request-response core against mosquitto and a scripted service: correlation, sharing, budget, deadlines. */
@ExtendWith(MosquittoExtension.class)
class RequestResponseClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        Collections.reverse(closeables);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private RequestResponseClient rr(Mqtt5Client client, RequestResponseOptions.Builder options) {
        return closing(RequestResponseClient.create(client, null, options.build()));
    }

    private ScriptedResponder responder(MosquittoBroker broker) {
        return closing(ScriptedResponder.start(broker));
    }

    private static ServiceRequest echo(String topic, String value) {
        return ServiceRequest.correlated(topic, object().put("value", value));
    }

    /** Replies on /accepted with the request's token and value. */
    private static void accept(ScriptedResponder responder, Request request) {
        responder.reply(request.topic() + "/accepted",
                object().put("clientToken", request.clientToken()).put("echo", request.body().get("value").asString()));
    }

    @Test
    void concurrentRepliesReachTheirRequestsByClientTokenWhateverTheOrder(MosquittoBroker broker) throws Exception {
        ScriptedResponder responder = responder(broker);
        List<Request> held = new CopyOnWriteArrayList<>();
        responder.on("svc/echo", request -> {
            held.add(request);
            if (held.size() == 5) {
                List<Request> reversed = new ArrayList<>(held);
                Collections.reverse(reversed);
                reversed.forEach(r -> accept(responder, r));
            }
        });
        RequestResponseClient rr = rr(closing(TestClients.persistent(broker)), RequestResponseOptions.builder());

        List<CompletableFuture<ServiceMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(rr.submit(echo("svc/echo", "v" + i)));
        }
        for (int i = 0; i < 5; i++) {
            ServiceMessage reply = replies.get(i).get(10, TimeUnit.SECONDS);
            assertThat(reply.body().get("echo").asString()).isEqualTo("v" + i);
            assertThat(reply.rejected()).isFalse();
        }
        assertThat(held).extracting(Request::clientToken).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void aTokenTheCallerSetIsSentAndMatchedAsGiven(MosquittoBroker broker) throws Exception {
        ScriptedResponder responder = responder(broker);
        responder.on("svc/echo", request -> responder.reply(request.topic() + "/rejected",
                object().put("clientToken", request.clientToken()).put("code", 400)));
        RequestResponseClient rr = rr(closing(TestClients.persistent(broker)), RequestResponseOptions.builder());

        ServiceMessage reply = rr.submit(ServiceRequest.correlated("svc/echo", object().put("clientToken", "mine-1")))
                .get(10, TimeUnit.SECONDS);

        assertThat(responder.received()).extracting(Request::clientToken).containsExactly("mine-1");
        assertThat(reply.rejected()).isTrue();
        assertThat(reply.body().get("clientToken").asString()).isEqualTo("mine-1");
    }

    @Test
    void concurrentRequestsShareTheirResponseSubscriptionsWhichAreReleasedWhenIdle(MosquittoBroker broker)
            throws Exception {
        ScriptedResponder responder = responder(broker);
        List<Request> held = new CopyOnWriteArrayList<>();
        responder.on("svc/echo", held::add);
        RequestResponseClient rr = rr(closing(TestClients.persistent(broker)),
                RequestResponseOptions.builder().maxRequestResponseSubscriptions(2));

        CompletableFuture<ServiceMessage> first = rr.submit(echo("svc/echo", "a"));
        CompletableFuture<ServiceMessage> second = rr.submit(echo("svc/echo", "b"));
        Awaitility.await().atMost(WAIT).until(() -> held.size() == 2);
        assertThat(rr.subscriptionFilters()).containsExactly("svc/echo/accepted", "svc/echo/rejected");

        accept(responder, held.get(0));
        accept(responder, held.get(1));
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        Awaitility.await().atMost(WAIT).until(() -> rr.subscriptionFilters().isEmpty());
        Awaitility.await().atMost(WAIT).until(() -> broker.log().contains("UNSUBSCRIBE"));
    }

    @Test
    void requestsBeyondTheBudgetWaitInOrderForTheirTurn(MosquittoBroker broker) throws Exception {
        ScriptedResponder responder = responder(broker);
        responder.on("svc/+", request -> responder.later(Duration.ofMillis(150), () -> accept(responder, request)));
        RequestResponseClient rr = rr(closing(TestClients.persistent(broker)),
                RequestResponseOptions.builder().maxRequestResponseSubscriptions(2));

        List<CompletableFuture<ServiceMessage>> replies = List.of(rr.submit(echo("svc/a", "1")),
                rr.submit(echo("svc/b", "2")), rr.submit(echo("svc/c", "3")));
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        // Each kind needs both subscriptions of the budget: one at a time, in submission order.
        assertThat(responder.received()).extracting(Request::topic).containsExactly("svc/a", "svc/b", "svc/c");
        assertThat(rr.subscriptionFilters()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aStreamBeyondTheStreamingBudgetHaltsNamingTheSetting(MosquittoBroker broker) {
        RequestResponseClient rr = rr(closing(TestClients.persistent(broker)),
                RequestResponseOptions.builder().maxStreamingSubscriptions(1));
        List<SubscriptionStatusEvent> first = new CopyOnWriteArrayList<>();
        List<SubscriptionStatusEvent> second = new CopyOnWriteArrayList<>();

        StreamingOperation kept = rr.openStream("svc/events/one", message -> { }, first::add);
        StreamingOperation refused = rr.openStream("svc/events/two", message -> { }, second::add);

        Awaitility.await().atMost(WAIT).until(() -> !first.isEmpty() && !second.isEmpty());
        assertThat(first).extracting(SubscriptionStatusEvent::type)
                .containsExactly(SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED);
        assertThat(second.get(0).type()).isEqualTo(SubscriptionStatusEventType.SUBSCRIPTION_HALTED);
        assertThat(second.get(0).error()).isInstanceOf(RequestFailedException.class)
                .hasMessageContaining("maxStreamingSubscriptions").hasMessageContaining("svc/events/two");
        assertThat(kept.isOpen()).isTrue();
        assertThat(refused.isOpen()).isFalse();
    }

    @Test
    void aRequestWithoutReplyFailsAtItsDeadlineAndReleasesItsSubscriptions(MosquittoBroker broker) {
        ScriptedResponder responder = responder(broker);
        responder.on("svc/silent", request -> { });
        RequestResponseClient rr = rr(closing(TestClients.persistent(broker)),
                RequestResponseOptions.builder().operationTimeout(Duration.ofMillis(500)));

        long start = System.nanoTime();
        CompletableFuture<ServiceMessage> reply = rr.submit(echo("svc/silent", "x"));

        assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("operationTimeout").hasMessageContaining("waiting for the service's reply");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        Awaitility.await().atMost(WAIT).until(() -> rr.subscriptionFilters().isEmpty());
    }

    @Test
    void theDeadlineCoversASubscribeThatIsNeverAcknowledged(MosquittoBroker broker) {
        Mqtt5Client offline = closing(new Mqtt5Client(dev.mqtt5.client.Mqtt5ClientOptions.builder()
                .hostName(broker.host()).port(broker.tcpPort()).build()));
        RequestResponseClient rr = rr(offline, RequestResponseOptions.builder().operationTimeout(Duration.ofMillis(400)));

        CompletableFuture<ServiceMessage> reply = rr.submit(echo("svc/echo", "x"));

        assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("waiting for the SUBACK");
    }

    @Test
    void theDeadlineCountsFromSubmissionSoTimeSpentWaitingForBudgetIsIncluded(MosquittoBroker broker) {
        ScriptedResponder responder = responder(broker);
        responder.on("svc/+", request -> { });
        RequestResponseClient rr = rr(closing(TestClients.persistent(broker)), RequestResponseOptions.builder()
                .maxRequestResponseSubscriptions(2).operationTimeout(Duration.ofMillis(800)));

        CompletableFuture<ServiceMessage> first = rr.submit(echo("svc/a", "x"));
        long submitted = System.nanoTime();
        CompletableFuture<ServiceMessage> second = rr.submit(echo("svc/b", "y"));

        // The second waits for the first's subscriptions until the first times out at 800 ms; it
        // does not then get 800 ms more: its own deadline, from submission, ends at about the same time.
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("svc/b");
        assertThat(Duration.ofNanos(System.nanoTime() - submitted)).isLessThan(Duration.ofMillis(1400));
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(RequestTimeoutException.class);
    }

    @Test
    void uncorrelatedRequestsOnTheSameTopicsGoOneAtATime(MosquittoBroker broker) throws Exception {
        ScriptedResponder responder = responder(broker);
        responder.on("svc/provision", request -> responder.later(Duration.ofMillis(200), () ->
                responder.reply("svc/provision/accepted", object().put("for", request.body().get("n").asInt()))));
        RequestResponseClient rr = rr(closing(TestClients.persistent(broker)), RequestResponseOptions.builder());

        CompletableFuture<ServiceMessage> first = rr.submit(ServiceRequest.uncorrelated("svc/provision",
                object().put("n", 1)));
        CompletableFuture<ServiceMessage> second = rr.submit(ServiceRequest.uncorrelated("svc/provision",
                object().put("n", 2)));

        responder.awaitRequest(WAIT);
        responder.assertNoRequest(Duration.ofMillis(100));
        assertThat(first.get(10, TimeUnit.SECONDS).body().get("for").asInt()).isEqualTo(1);
        assertThat(second.get(10, TimeUnit.SECONDS).body().get("for").asInt()).isEqualTo(2);
        assertThat(responder.received().get(0).body().has("clientToken")).isFalse();
    }

    @Test
    void repliesAndEventsDoNotReachTheClientWideListenerUnlessAsked(MosquittoBroker broker) throws Exception {
        ScriptedResponder responder = responder(broker);
        responder.on("svc/echo", request -> accept(responder, request));
        List<PublishPacket> appReceived = new CopyOnWriteArrayList<>();
        Mqtt5Client client = closing(TestClients.connected(broker, b -> b.publishReceivedListener((dev.mqtt5.client.PublishReceivedListener) appReceived::add)));
        RequestResponseClient quiet = rr(client, RequestResponseOptions.builder());
        List<ServiceMessage> events = new CopyOnWriteArrayList<>();
        List<SubscriptionStatusEvent> status = new CopyOnWriteArrayList<>();
        quiet.openStream("svc/events", events::add, status::add);
        Awaitility.await().atMost(WAIT).until(() -> !status.isEmpty());

        quiet.submit(echo("svc/echo", "x")).get(10, TimeUnit.SECONDS);
        responder.reply("svc/events", object().put("n", 1));
        Awaitility.await().atMost(WAIT).until(() -> events.size() == 1);
        quiet.close();
        assertThat(appReceived).isEmpty();

        RequestResponseClient loud = rr(client, RequestResponseOptions.builder().deliverToClientListener(true));
        loud.submit(echo("svc/echo", "y")).get(10, TimeUnit.SECONDS);
        Awaitility.await().atMost(WAIT).until(() -> appReceived.size() == 1);
        assertThat(appReceived.get(0).topic()).isEqualTo("svc/echo/accepted");
    }

    @Test
    void closingFailsPendingRequestsAndLaterOnesAtOnce(MosquittoBroker broker) {
        ScriptedResponder responder = responder(broker);
        responder.on("svc/silent", request -> { });
        RequestResponseClient rr = rr(closing(TestClients.persistent(broker)), RequestResponseOptions.builder());
        CompletableFuture<ServiceMessage> pending = rr.submit(echo("svc/silent", "x"));

        rr.close();

        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(RequestFailedException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> rr.submit(echo("svc/silent", "y")).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(RequestFailedException.class);
    }
}
