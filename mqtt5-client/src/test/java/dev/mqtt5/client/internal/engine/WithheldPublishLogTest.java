package dev.mqtt5.client.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PayloadFormat;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.testing.LogCapture;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The WARN lines of withheld publishes: one at once, then at most one summary per interval, counted apart from refusals. */
class WithheldPublishLogTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final ConnectionLog connectionLog = new ConnectionLog(Mqtt5ClientOptions.builder().hostName("broker")
            .port(1883).connectOptions(ConnectPacket.builder().clientId("c").build()).build(),
            Duration.ofMinutes(1), now::get);

    private static PublishPacket publish(String topic, QoS qos) {
        return PublishPacket.builder().topic(topic).qos(qos).build();
    }

    @Test
    void aFloodOfWithheldPublishesIsOneLineThenOneSummaryPerInterval() {
        try (LogCapture log = LogCapture.of(ConnectionLog.LOGGER_NAME)) {
            for (int i = 0; i < 100; i++) {
                connectionLog.publishWithheld(publish("stale/" + i, QoS.AT_LEAST_ONCE));
            }
            // A refusal for its payload is another kind: its own first line, not swallowed by the withheld ones' count.
            connectionLog.payloadRefused(PublishPacket.builder().topic("bad").payloadFormat(PayloadFormat.UTF8)
                    .payload(new byte[] {(byte) 0xff}).build());
            now.addAndGet(Duration.ofSeconds(61).toNanos());
            connectionLog.publishWithheld(publish("stale/last", QoS.EXACTLY_ONCE));
            connectionLog.publishWithheld(publish("stale/after", QoS.AT_LEAST_ONCE));

            assertThat(log.messages(Level.WARN)).hasSize(3);
            assertThat(log.messages(Level.WARN).get(0)).isEqualTo("MQTT client 'c' withheld a QoS 1 publish on topic "
                    + "'stale/0' that no handler or listener takes: not acknowledged; the server sends it again on the "
                    + "next connection of the session (acknowledgeUnroutedPublishes=false)");
            assertThat(log.messages(Level.WARN).get(1)).startsWith("MQTT client 'c' did not deliver a QoS 0 publish "
                    + "on topic 'bad'");
            assertThat(log.messages(Level.WARN).get(2)).startsWith("MQTT client 'c' withheld a QoS 2 publish on topic "
                    + "'stale/last'").endsWith("(acknowledgeUnroutedPublishes=false) (99 more such publishes since the "
                    + "last line)");
            assertThat(log.events(Level.WARN)).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
        }
    }
}
