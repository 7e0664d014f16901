package dev.mqtt5.client.aws;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.Subscription;
import dev.mqtt5.client.packet.UnsubscribePacket;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Opt-in AWS IoT Core limits fail operations on the caller's thread, naming the limit; off, nothing is checked. */
class IotCoreValidationTest {

    private Mqtt5Client client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private Mqtt5Client validating(boolean enabled) {
        client = AwsIotMqtt5ClientBuilder.directWithCustomAuthorizer("localhost", "A", "u", null).clientId("device-1")
                .iotCoreValidation(enabled).build();
        return client;
    }

    private static PublishPacket publish(String topic, int payloadBytes) {
        return PublishPacket.builder().topic(topic).payload(new byte[payloadBytes]).qos(QoS.AT_LEAST_ONCE).build();
    }

    @Test
    void topicOverEightLevelsFails() {
        assertThatThrownBy(() -> validating(true).publish(publish("a/b/c/d/e/f/g/h/i", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("publish topic")
                .hasMessageContaining("9 levels").hasMessageContaining("at most 8");
    }

    @Test
    void rulesAndSharePrefixesDoNotCount() {
        Mqtt5Client c = validating(true);
        assertThatCode(() -> c.publish(publish("$aws/rules/myRule/a/b/c/d/e/f/g/h", 1))).doesNotThrowAnyException();
        assertThatCode(() -> c.subscribe(SubscribePacket.of("$share/group/a/b/c/d/e/f/g/h", QoS.AT_LEAST_ONCE)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> c.unsubscribe(UnsubscribePacket.of("$share/group/a/b/c/d/e/f/g/h/i")))
                .hasMessageContaining("unsubscribe topicFilter");
    }

    @Test
    void topicOver256BytesFails() {
        assertThatThrownBy(() -> validating(true).publish(publish("t/" + "x".repeat(255), 1)))
                .hasMessageContaining("257 bytes").hasMessageContaining("at most 256 bytes");
    }

    @Test
    void moreThanEightSubscriptionsInOneSubscribeFails() {
        SubscribePacket.Builder nine = SubscribePacket.builder();
        IntStream.range(0, 9).forEach(i -> nine.subscription(Subscription.of("t/" + i, QoS.AT_LEAST_ONCE)));
        assertThatThrownBy(() -> validating(true).subscribe(nine.build()))
                .hasMessageContaining("9 subscriptions").hasMessageContaining("at most 8 per SUBSCRIBE");
    }

    @Test
    void payloadOver128KibFails() {
        Mqtt5Client c = validating(true);
        assertThatCode(() -> c.publish(publish("t", 128 * 1024))).doesNotThrowAnyException();
        assertThatThrownBy(() -> c.publish(publish("t", 128 * 1024 + 1))).hasMessageContaining("128 KiB");
    }

    @Test
    void clientIdOver128BytesFailsAtConstruction() {
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.directWithCustomAuthorizer("localhost", "A", "u", null)
                .clientId("c".repeat(129)).iotCoreValidation(true).build())
                .hasMessageContaining("clientId is 129 bytes").hasMessageContaining("at most 128");
    }

    @Test
    void withoutValidationLimitsAreNotChecked() {
        Mqtt5Client c = validating(false);
        assertThatCode(() -> c.publish(publish("a/b/c/d/e/f/g/h/i/j", 200_000))).doesNotThrowAnyException();
    }
}
