package dev.mqtt5.aws.iot.rr;

import static dev.mqtt5.aws.iot.testing.ScriptedResponder.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.aws.iot.testing.ScriptedResponder;
import dev.mqtt5.aws.iot.testing.TestClients;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Callbacks run off the MQTT threads and may block; streams on one topic share one subscription. */
@ExtendWith(MosquittoExtension.class)
class RequestResponseCallbacksTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ScriptedResponder responder;
    private Mqtt5Client device;
    private RequestResponseClient rr;

    @BeforeEach
    void connect(MosquittoBroker broker) {
        responder = ScriptedResponder.start(broker);
        responder.on("svc/+", request -> responder.reply(request.topic() + "/accepted",
                object().put("clientToken", request.clientToken())));
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
    void aCallbackThatBlocksOnAnotherRequestAndAStreamHandlerThatBlocksDoNotStallReplies() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<ServiceMessage> events = new CopyOnWriteArrayList<>();
        List<SubscriptionStatusEvent> status = new CopyOnWriteArrayList<>();
        rr.openStream("svc-events/slow", message -> {
            threads.add(Thread.currentThread().getName());
            // A handler that blocks on a request of its own: the reply must still arrive.
            events.add(message);
            rr.submit(ServiceRequest.correlated("svc/nested", object())).join();
        }, status::add);
        Awaitility.await().atMost(WAIT).until(() -> status.size() == 1);

        CompletableFuture<String> chained = rr.submit(ServiceRequest.correlated("svc/one", object()))
                .thenApply(first -> {
                    threads.add(Thread.currentThread().getName());
                    return rr.submit(ServiceRequest.correlated("svc/two", object())).join().topic();
                });
        responder.reply("svc-events/slow", object().put("n", 1));
        responder.reply("svc-events/slow", object().put("n", 2));

        assertThat(chained.get(10, TimeUnit.SECONDS)).isEqualTo("svc/two/accepted");
        Awaitility.await().atMost(WAIT).until(() -> events.size() == 2);
        assertThat(events).extracting(e -> e.body().get("n").asInt()).containsExactly(1, 2);
        assertThat(threads).allMatch(name -> name.startsWith("mqtt5-aws-iot-callback-"));
    }

    @Test
    void streamsOnOneTopicShareASubscriptionReleasedWithTheLastOne() throws Exception {
        List<ServiceMessage> first = new CopyOnWriteArrayList<>();
        List<ServiceMessage> second = new CopyOnWriteArrayList<>();
        List<SubscriptionStatusEvent> status = new CopyOnWriteArrayList<>();
        StreamingOperation one = rr.openStream("svc-events/shared", first::add, status::add);
        StreamingOperation two = rr.openStream("svc-events/shared", second::add, status::add);
        Awaitility.await().atMost(WAIT).until(() -> status.size() == 2);
        assertThat(rr.subscriptionFilters()).containsExactly("svc-events/shared");

        responder.reply("svc-events/shared", object().put("n", 1));
        Awaitility.await().atMost(WAIT).until(() -> first.size() == 1 && second.size() == 1);
        one.close();
        responder.reply("svc-events/shared", object().put("n", 2));
        Awaitility.await().atMost(WAIT).until(() -> second.size() == 2);
        assertThat(first).hasSize(1);
        assertThat(rr.subscriptionFilters()).containsExactly("svc-events/shared");

        two.close();
        Awaitility.await().atMost(WAIT).until(() -> rr.subscriptionFilters().isEmpty());
    }
}
