package dev.mqtt5.client.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record's contract for code that constructs packets itself instead of through the builder. */
class PublishPacketTest {

    @Test
    void nullComponentsReadAsTheirEmptyValuesAndEqualTheBuiltPacket() {
        PublishPacket constructed = new PublishPacket("a/b", null, null, false, null, null, null, null, null, null,
                null, null, false);

        assertThat(constructed.payload()).isEmpty();
        assertThat(constructed.qos()).isEqualTo(QoS.AT_MOST_ONCE);
        assertThat(constructed.userProperties()).isEmpty();
        assertThat(constructed.subscriptionIdentifiers()).isEmpty();
        assertThat(constructed.payloadAsString()).isEmpty();
        PublishPacket built = PublishPacket.builder().topic("a/b").build();
        assertThat(constructed).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(built).isEqualTo(constructed);
        assertThat(constructed.toString()).contains("payload=0 bytes", "qos=AT_MOST_ONCE", "userProperties=[]");
        assertThat(constructed.toBuilder().payload("x").build().payload()).isEqualTo("x".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void componentsGivenAreReturnedAsGiven() {
        byte[] payload = {1, 2, 3};
        List<UserProperty> properties = List.of(new UserProperty("k", "v"));
        PublishPacket p = new PublishPacket("t", payload, QoS.AT_LEAST_ONCE, true, PayloadFormat.UTF8, null, 7, "r",
                null, properties, List.of(5), "text/plain", true);

        assertThat(p.payload()).isSameAs(payload);
        assertThat(p.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        assertThat(p.userProperties()).isSameAs(properties);
        assertThat(p.subscriptionIdentifiers()).containsExactly(5);
        assertThat(p.toBuilder().build()).isEqualTo(p);
    }

    @Test
    void aNullTopicIsRefusedByTheConstructorAndTheBuilder() {
        assertThatThrownBy(() -> new PublishPacket(null, new byte[0], QoS.AT_MOST_ONCE, false, null, null, null, null,
                null, List.of(), List.of(), null, false))
                .isInstanceOf(NullPointerException.class).hasMessage("topic must not be null");
        assertThatThrownBy(() -> PublishPacket.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("topic must be set");
    }
}
