package dev.mqtt5.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mqtt5.client.config.JitterMode;
import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.exception.OperationRefusedException;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.exception.MqttConnectionException;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The string that started issue 13: a user property value with a line feed. mosquitto closes the
 * connection on it ("malformed UTF-8"), so the client refuses it at {@code publish(...)}; with
 * {@code allowDiscouragedCharacters(true)} it is sent, and this shows what mosquitto then does.
 */
@ExtendWith(MosquittoExtension.class)
class MosquittoDiscouragedCharactersTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Mqtt5Client> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(Mqtt5Client::close);
    }

    private Mqtt5Client connected(MosquittoBroker broker, RecordingListener listener, String clientId,
            UnaryOperator<Mqtt5ClientOptions.Builder> adjust) {
        Mqtt5Client client = new Mqtt5Client(adjust.apply(Mqtt5ClientOptions.builder()
                .hostName(broker.host()).port(broker.tcpPort())
                .connectOptions(ConnectPacket.builder().clientId(clientId).build())
                .lifecycleListener(listener).publishReceivedListener(listener)).build());
        clients.add(client);
        client.start();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        return client;
    }

    /** The broker's log lines about one client (the broker serves the whole class). */
    private static List<String> logOf(MosquittoBroker broker, String clientId) {
        return broker.log().lines().filter(line -> line.contains(clientId)).toList();
    }

    private static PublishPacket withLineFeed(String topic) {
        return PublishPacket.builder().topic(topic).payload("p").qos(QoS.AT_LEAST_ONCE)
                .userProperty("trace", "ok").userProperty("note", "line one\nline two").build();
    }

    @Test
    void aLineFeedInAUserPropertyIsRefusedAtPublishAndNothingReachesTheBroker(MosquittoBroker broker)
            throws Exception {
        String topic = "strings/" + UUID.randomUUID();
        RecordingListener subscriber = new RecordingListener();
        connected(broker, subscriber, "sub-" + UUID.randomUUID(), b -> b)
                .subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        RecordingListener events = new RecordingListener();
        String publisherId = "pub-" + UUID.randomUUID();
        Mqtt5Client publisher = connected(broker, events, publisherId, b -> b);

        assertThatThrownBy(() -> publisher.publish(withLineFeed(topic)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("publish userProperties[1].value contains the control character U+000A at "
                        + "index 8, ")
                .hasMessageContaining("allowDiscouragedCharacters(true)");
        assertThat(publisher.operationStatistics()).isEqualTo(OperationStatistics.EMPTY);

        // The next publish on the same connection arrives first: the refused one was never sent.
        publisher.publish(PublishPacket.builder().topic(topic).payload("after").qos(QoS.AT_LEAST_ONCE).build())
                .get(10, TimeUnit.SECONDS);
        assertThat(subscriber.awaitPublish(WAIT).payloadAsString()).isEqualTo("after");
        subscriber.assertNoPublish(Duration.ofMillis(200));
        assertThat(events.eventNames()).containsExactly("AttemptingConnect", "ConnectionSuccess");
        await().atMost(WAIT).untilAsserted(() -> assertThat(logOf(broker, publisherId))
                .filteredOn(line -> line.contains("Received PUBLISH")).hasSize(1));
        assertThat(logOf(broker, publisherId)).noneMatch(line -> line.contains("Malformed"));
    }

    @Test
    void withTheOptOutItIsSentAndMosquittoClosesTheConnection(MosquittoBroker broker) throws Exception {
        String topic = "strings/" + UUID.randomUUID();
        RecordingListener subscriber = new RecordingListener();
        connected(broker, subscriber, "sub-" + UUID.randomUUID(), b -> b)
                .subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        RecordingListener events = new RecordingListener();
        String publisherId = "lenient-" + UUID.randomUUID();
        Mqtt5Client publisher = connected(broker, events, publisherId, b -> b.allowDiscouragedCharacters(true));

        // QoS 0, so that nothing is resent after the reconnect: this shows mosquitto's reaction once.
        publisher.publish(withLineFeed(topic).toBuilder().qos(QoS.AT_MOST_ONCE).build()).get(10, TimeUnit.SECONDS);

        // mosquitto 2.0 sends no DISCONNECT: it logs "Malformed UTF-8" and closes the socket.
        DisconnectionEvent dropped = events.await(DisconnectionEvent.class, WAIT);
        assertThat(dropped.disconnect()).isNull();
        assertThat(dropped.cause()).isInstanceOf(MqttConnectionException.class)
                .hasMessageContaining("closed by the server");
        await().atMost(WAIT).untilAsserted(() -> assertThat(logOf(broker, publisherId))
                .anyMatch(line -> line.contains("Bad socket read/write on client " + publisherId + ": Malformed UTF-8")));
        assertThat(logOf(broker, publisherId)).noneMatch(line -> line.contains("Received PUBLISH"));
        subscriber.assertNoPublish(Duration.ofMillis(300));
        // The client reconnects as usual.
        events.await(ConnectionSuccessEvent.class, WAIT);
    }

    @Test
    void withTheOptOutAQos1PublishMosquittoKeepsDroppingIsGivenUpAfterThreeClosesAndTheRestIsDelivered(
            MosquittoBroker broker) throws Exception {
        String topic = "strings/" + UUID.randomUUID();
        RecordingListener subscriber = new RecordingListener();
        connected(broker, subscriber, "sub-" + UUID.randomUUID(), b -> b)
                .subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        RecordingListener events = new RecordingListener();
        String publisherId = "poison-" + UUID.randomUUID();
        Mqtt5Client publisher = connected(broker, events, publisherId, b -> b.allowDiscouragedCharacters(true)
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(100))
                        .maxDelay(Duration.ofMillis(200)).jitterMode(JitterMode.NONE).build()));

        // QoS 1: kept across reconnects, so without the poison rule it would be resent for ever.
        var poison = publisher.publish(withLineFeed(topic));
        var after = publisher.publish(PublishPacket.builder().topic(topic).payload("after").qos(QoS.AT_LEAST_ONCE)
                .build());

        assertThatThrownBy(() -> poison.get(20, TimeUnit.SECONDS)).cause()
                .isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("3 times in a row").hasMessageContaining("closed without DISCONNECT");
        after.get(10, TimeUnit.SECONDS);
        assertThat(subscriber.awaitPublish(WAIT).payloadAsString()).isEqualTo("after");
        assertThat(logOf(broker, publisherId)).filteredOn(line -> line.contains("Malformed UTF-8")).hasSize(3);
        // Settled: no fourth drop.
        Thread.sleep(500);
        assertThat(logOf(broker, publisherId)).filteredOn(line -> line.contains("Malformed UTF-8")).hasSize(3);
        assertThat(publisher.state()).isEqualTo(ClientState.CONNECTED);
    }
}
