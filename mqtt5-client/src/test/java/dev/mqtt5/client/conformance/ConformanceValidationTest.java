package dev.mqtt5.client.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.config.TopicAliasingOptions;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.UnsubscribePacket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the client refuses to send, on the caller's thread, because the specification forbids it. */
class ConformanceValidationTest {

    private static final String UNPAIRED_SURROGATE = "a\uD800b";

    private final Mqtt5Client client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName("127.0.0.1").port(1)
            .topicAliasing(TopicAliasingOptions.manual()).build());

    @AfterEach
    void close() {
        client.close();
    }

    private static Mqtt5Client clientWith(ConnectPacket connect) {
        return new Mqtt5Client(Mqtt5ClientOptions.builder().hostName("h").connectOptions(connect).build());
    }

    @Test
    @Covers("MQTT-3.1.3-4")
    void aClientIdentifierThatIsNotWellFormedUtf8IsRefused() {
        assertThatThrownBy(() -> clientWith(ConnectPacket.builder().clientId(UNPAIRED_SURROGATE).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId");
    }

    @Test
    @Covers("MQTT-3.1.3-11")
    void aWillTopicThatIsNotWellFormedUtf8IsRefused() {
        PublishPacket will = PublishPacket.builder().topic(UNPAIRED_SURROGATE).build();
        assertThatThrownBy(() -> clientWith(ConnectPacket.builder().will(will).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("will topic");
    }

    @Test
    @Covers("MQTT-3.1.3-12")
    void aUserNameThatIsNotWellFormedUtf8IsRefused() {
        assertThatThrownBy(() -> clientWith(ConnectPacket.builder().username("user\u0000").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("username");
    }

    @Test
    @Covers("MQTT-3.3.2-13")
    void aResponseTopicThatIsNotWellFormedUtf8IsRefused() {
        assertThatThrownBy(() -> client.publish(PublishPacket.builder().topic("t").responseTopic(UNPAIRED_SURROGATE).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("responseTopic");
    }

    @Test
    @Covers("MQTT-3.3.2-14")
    void aResponseTopicWithAWildcardIsRefused() {
        for (String responseTopic : List.of("reply/+", "reply/#")) {
            assertThatThrownBy(() -> client.publish(PublishPacket.builder().topic("t").responseTopic(responseTopic).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("responseTopic");
        }
    }

    @Test
    @Covers("MQTT-3.3.2-19")
    void aContentTypeThatIsNotWellFormedUtf8IsRefused() {
        assertThatThrownBy(() -> client.publish(PublishPacket.builder().topic("t").contentType(UNPAIRED_SURROGATE).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contentType");
    }

    @Test
    @Covers({"MQTT-3.8.3-1", "MQTT-4.7.3-2"})
    void aSubscribeTopicFilterThatIsNotWellFormedUtf8OrHoldsUPlus0000IsRefused() {
        assertThatThrownBy(() -> client.subscribe(SubscribePacket.of(UNPAIRED_SURROGATE, QoS.AT_MOST_ONCE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topicFilter");
        assertThatThrownBy(() -> client.subscribe(SubscribePacket.of("a/\u0000", QoS.AT_MOST_ONCE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0000");
    }

    @Test
    @Covers({"MQTT-3.10.3-1", "MQTT-4.7.3-2"})
    void anUnsubscribeTopicFilterThatIsNotWellFormedUtf8OrHoldsUPlus0000IsRefused() {
        assertThatThrownBy(() -> client.unsubscribe(UnsubscribePacket.of(UNPAIRED_SURROGATE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topicFilter");
        assertThatThrownBy(() -> client.unsubscribe(UnsubscribePacket.of("\u0000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0000");
    }

    @Test
    @Covers("MQTT-3.8.3-2")
    void aSubscribeWithoutASubscriptionCannotBeBuilt() {
        assertThatThrownBy(() -> SubscribePacket.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one subscription");
    }

    @Test
    @Covers("MQTT-3.10.3-2")
    void anUnsubscribeWithoutATopicFilterCannotBeBuilt() {
        assertThatThrownBy(() -> new UnsubscribePacket(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one topic filter");
    }

    @Test
    @Covers("MQTT-3.3.2-8")
    void topicAliasZeroIsRefused() {
        assertThatThrownBy(() -> PublishPacket.builder().topic("t").topicAlias(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topicAlias");
    }
}
