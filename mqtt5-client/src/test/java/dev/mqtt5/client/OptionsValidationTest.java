package dev.mqtt5.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.conformance.Covers;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.DisconnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.Subscription;
import dev.mqtt5.client.packet.UnsubscribePacket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input is refused on the caller's thread with a message that names the field. */
class OptionsValidationTest {

    private final Mqtt5Client client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName("127.0.0.1").port(1).build());

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void builderErrorsNameTheField() {
        assertThatThrownBy(() -> Mqtt5ClientOptions.builder().build()).hasMessageContaining("hostName");
        assertThatThrownBy(() -> Mqtt5ClientOptions.builder().port(70000)).hasMessageContaining("port");
        assertThatThrownBy(() -> Mqtt5ClientOptions.builder().connackTimeout(Duration.ZERO))
                .hasMessageContaining("connackTimeout");
        assertThatThrownBy(() -> ConnectPacket.builder().keepAlive(Duration.ofSeconds(70000)))
                .hasMessageContaining("keepAlive");
        assertThatThrownBy(() -> ConnectPacket.builder().receiveMaximum(0)).hasMessageContaining("receiveMaximum");
        assertThatThrownBy(() -> PublishPacket.builder().messageExpiryInterval(Duration.ofSeconds(-1)))
                .hasMessageContaining("messageExpiryInterval");
        assertThatThrownBy(() -> ReconnectOptions.builder().minDelay(Duration.ofSeconds(10))
                .maxDelay(Duration.ofSeconds(1)).build()).hasMessageContaining("maxDelay");
    }

    @Test
    void defaultPortsFollowTheTransport() {
        assertThat(Mqtt5ClientOptions.builder().hostName("h").build().port()).isEqualTo(1883);
        assertThat(Mqtt5ClientOptions.builder().hostName("h")
                .tls(dev.mqtt5.client.config.TlsOptions.builder().build()).build().port()).isEqualTo(8883);
    }

    @Test
    @Covers({"MQTT-1.5.7-1", "MQTT-3.3.2-1", "MQTT-3.3.2-2", "MQTT-3.8.3-4", "MQTT-4.7.1-1", "MQTT-4.7.1-2", "MQTT-4.7.3-1"})
    void invalidTopicsAndFiltersAreRefusedBeforeQueueing() {
        assertThatThrownBy(() -> client.publish(PublishPacket.builder().topic("a/+/c").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> client.publish(PublishPacket.builder().topic("").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> client.publish(PublishPacket.builder().topic("a\u0000b").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> client.subscribe(SubscribePacket.of("a/#/c", QoS.AT_MOST_ONCE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topicFilter");
        assertThatThrownBy(() -> client.subscribe(SubscribePacket.of("a/b+", QoS.AT_MOST_ONCE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topicFilter");
        assertThatThrownBy(() -> client.subscribe(SubscribePacket.builder().subscription(
                Subscription.builder("$share/g/a").noLocal(true).build()).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noLocal");
        assertThatThrownBy(() -> client.unsubscribe(UnsubscribePacket.of("a/#/b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topicFilter");
        assertThatThrownBy(() -> client.publish(PublishPacket.builder().topic("a")
                .userProperty("k", "\uD800").build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userProperties");
    }

    @Test
    void disconnectMayNotRaiseAZeroSessionExpiry() {
        assertThatThrownBy(() -> client.stop(DisconnectPacket.builder().sessionExpiryInterval(Duration.ofSeconds(60)).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sessionExpiryInterval");
    }

    @Test
    void invalidConnectOptionsAreRefusedWhenTheClientIsCreated() {
        assertThatThrownBy(() -> new Mqtt5Client(Mqtt5ClientOptions.builder().hostName("h")
                .connectOptions(ConnectPacket.builder().will(PublishPacket.builder().topic("w/#").build()).build())
                .build())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("will");
    }

    @Test
    void secretsNeverAppearInToString() {
        ConnectPacket connect = ConnectPacket.builder().username("user").password("hunter2".getBytes())
                .authenticationMethod("m").authenticationData("secret-data".getBytes()).build();
        assertThat(connect.toString()).doesNotContain("hunter2").doesNotContain("secret-data").contains("user");
        assertThat(Mqtt5ClientOptions.builder().hostName("h").connectOptions(connect).build().toString())
                .doesNotContain("hunter2");
    }
}
