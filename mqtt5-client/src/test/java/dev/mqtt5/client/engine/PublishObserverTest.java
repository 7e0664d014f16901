package dev.mqtt5.client.engine;

import static dev.mqtt5.client.engine.ScriptedClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.PublishObserver;
import dev.mqtt5.client.exception.PublishFailedException;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.testing.BrokerReplies;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publish observer sees every outcome and every received publish, whoever handles it, off the event loop. */
class PublishObserverTest {

    private final ScriptedClient s = new ScriptedClient();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        s.close();
    }

    private final PublishObserver observer = new PublishObserver() {
        @Override
        public void publishCompleted(PublishPacket publish, PublishResult result, Throwable failure, long nanos) {
            seen.add("sent " + publish.topic() + " " + (failure == null ? "ok" : failure.getClass().getSimpleName())
                    + (nanos > 0 ? "" : " no-latency") + (Thread.currentThread().getName().contains("mqtt5-io") ? " on-loop" : ""));
        }

        @Override
        public void publishReceived(PublishPacket publish) {
            seen.add("received " + publish.topic());
        }
    };

    @Test
    void seesOutcomesAndLatenciesOfSentPublishesAndEveryReceivedOne() throws Exception {
        s.broker.reply(MqttMessageType.PUBLISH, received -> {
            MqttPublishMessage p = (MqttPublishMessage) received;
            return BrokerReplies.ack(MqttMessageType.PUBACK, p.variableHeader().packetId(),
                    p.variableHeader().topicName().equals("refused") ? 0x87 : 0, null);
        });
        s.connect(o -> o.publishObserver(observer));
        s.client.publish(PublishPacket.builder().topic("accepted").qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        s.client.publish(PublishPacket.builder().topic("refused").qos(QoS.AT_LEAST_ONCE).build()).exceptionally(e -> null)
                .get(10, TimeUnit.SECONDS);
        s.client.subscribe(SubscribePacket.of("handled/#", QoS.AT_MOST_ONCE), publish -> { }).get(10, TimeUnit.SECONDS);
        s.broker.send(BrokerReplies.publish("handled/1", 0, 0, new byte[0], MqttProperties.NO_PROPERTIES));
        s.broker.send(BrokerReplies.publish("default", 0, 0, new byte[0], MqttProperties.NO_PROPERTIES));
        s.listener.awaitPublish(WAIT);
        Awaitility.await().atMost(WAIT).until(() -> seen.size() == 4);
        // Completion batches of different loop passes may run on different pool threads, so the two
        // receptions can be observed in either order; the sends completed one after the other.
        assertThat(seen.subList(0, 2)).containsExactly("sent accepted ok",
                "sent refused " + PublishFailedException.class.getSimpleName());
        assertThat(seen.subList(2, 4)).containsExactlyInAnyOrder("received handled/1", "received default");
    }
}
