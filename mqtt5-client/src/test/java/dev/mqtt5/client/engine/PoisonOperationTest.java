package dev.mqtt5.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.exception.OperationRefusedException;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.testing.BrokerReplies;
import dev.mqtt5.client.testing.FakeBroker;
import dev.mqtt5.client.testing.LogCapture;
import ch.qos.logback.classic.Level;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A broker that drops the client for one particular packet: the client sends it again after each
 * reconnect, and after the third server-ended connection in a row it fails that operation with
 * what the server said, and goes on with the rest of the queue instead of looping forever.
 */
class PoisonOperationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ScriptedClient scripted = new ScriptedClient();

    @AfterEach
    void tearDown() {
        scripted.close();
    }

    /** Acknowledges every QoS 1 publish but those to "poison", which get {@code refusal}. */
    private void refusePoison(Function<MqttPublishMessage, MqttMessage> refusal) {
        scripted.broker.reply(MqttMessageType.PUBLISH, m -> {
            MqttPublishMessage publish = (MqttPublishMessage) m;
            return publish.variableHeader().topicName().equals("poison") ? refusal.apply(publish)
                    : BrokerReplies.ack(MqttMessageType.PUBACK, publish.variableHeader().packetId());
        });
    }

    private static CompletableFuture<PublishResult> publish(Mqtt5Client client, String topic) {
        return client.publish(PublishPacket.builder().topic(topic).payload("x").qos(QoS.AT_LEAST_ONCE).build());
    }

    private static long publishesTo(FakeBroker broker, String topic) {
        return broker.received().stream().filter(m -> m instanceof MqttPublishMessage p
                && p.variableHeader().topicName().equals(topic)).count();
    }

    @Test
    void aPublishTheServerClosesTheConnectionForFailsAfterThreeClosesAndTheQueueGoesOn() throws Exception {
        refusePoison(p -> FakeBroker.CLOSE);
        Mqtt5Client client = scripted.connect(b -> b);

        CompletableFuture<PublishResult> before = publish(client, "good/1");
        CompletableFuture<PublishResult> poison = publish(client, "poison");
        CompletableFuture<PublishResult> after = publish(client, "good/2");

        Throwable failure = Assertions.catchThrowable(() -> poison.get(10, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("'poison'").hasMessageContaining("3 times in a row")
                .hasMessageContaining("closed without DISCONNECT");
        OperationRefusedException refused = (OperationRefusedException) failure.getCause();
        assertThat(refused.disconnect()).isNull();
        assertThat(refused.closes()).isEqualTo(3);
        assertThat(before.get(10, TimeUnit.SECONDS).pubAck().reasonCode().isError()).isFalse();
        assertThat(after.get(10, TimeUnit.SECONDS).pubAck().reasonCode().isError()).isFalse();
        assertThat(publishesTo(scripted.broker, "poison")).isEqualTo(3);

        // The client settles on a working connection: no further reconnects, and new work flows.
        scripted.listener.await(ConnectionSuccessEvent.class, WAIT); // after the 1st close
        scripted.listener.await(ConnectionSuccessEvent.class, WAIT); // after the 2nd
        scripted.listener.await(ConnectionSuccessEvent.class, WAIT); // after the 3rd
        publish(client, "good/3").get(10, TimeUnit.SECONDS);
        Thread.sleep(300);
        assertThat(scripted.broker.connectionCount()).isEqualTo(4);
        assertThat(client.operationStatistics().incompleteOperationCount()).isZero();
    }

    @Test
    void theFailureCarriesTheServersDisconnectReasonCodeAndStringAndAWarnLineTellsTheOperator() throws Exception {
        refusePoison(p -> BrokerReplies.disconnect(0x99, "payload is not UTF-8"));
        Mqtt5Client client = scripted.connect(b -> b);

        CompletableFuture<PublishResult> poison;
        Throwable failure;
        try (LogCapture log = LogCapture.of("dev.mqtt5.client.Mqtt5Client")) {
            poison = publish(client, "poison");
            failure = Assertions.catchThrowable(() -> poison.get(10, TimeUnit.SECONDS));
            assertThat(log.messages(Level.WARN)).filteredOn(line -> line.contains("gave up on an operation"))
                    .singleElement().asString()
                    .startsWith("MQTT client 'scripted' gave up on an operation: publish to 'poison' (QoS 1) failed: the "
                            + "server ended the connection 3 times in a row")
                    .contains("PAYLOAD_FORMAT_INVALID (0x99): payload is not UTF-8");
        }
        assertThat(failure.getCause()).isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("PAYLOAD_FORMAT_INVALID (0x99): payload is not UTF-8");
        OperationRefusedException refused = (OperationRefusedException) failure.getCause();
        assertThat(refused.disconnect().reasonCode()).isEqualTo(DisconnectReasonCode.PAYLOAD_FORMAT_INVALID);
        assertThat(refused.disconnect().reasonString()).isEqualTo("payload is not UTF-8");
    }

    @Test
    void theLimitIsConfigurableAndZeroNeverGivesUp() throws Exception {
        refusePoison(p -> FakeBroker.CLOSE);
        Mqtt5Client client = scripted.connect(b -> b.poisonOperationLimit(0));

        CompletableFuture<PublishResult> poison = publish(client, "poison");

        scripted.broker.awaitConnections(6, WAIT);
        assertThat(poison).isNotDone();
        assertThat(publishesTo(scripted.broker, "poison")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void disconnectsAboutTheConnectionRatherThanAPacketDoNotCount() throws Exception {
        // Session taken over is about who holds the client id, not about the publish being sent.
        refusePoison(p -> BrokerReplies.disconnect(0x8E, "another client"));
        Mqtt5Client client = scripted.connect(b -> b.poisonOperationLimit(2));

        CompletableFuture<PublishResult> poison = publish(client, "poison");

        scripted.broker.awaitConnections(5, WAIT);
        assertThat(poison).isNotDone();
        // Once the broker stops refusing it, it is delivered.
        refusePoison(p -> BrokerReplies.ack(MqttMessageType.PUBACK, p.variableHeader().packetId()));
        assertThat(poison.get(10, TimeUnit.SECONDS).pubAck().reasonCode().isError()).isFalse();
    }
}
