package dev.mqtt5.aws.iot.rr;

import static dev.mqtt5.aws.iot.testing.ScriptedResponder.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings a user gets wrong are refused with the setting's name; stream filters match as MQTT does. */
class RequestResponseOptionsTest {

    @Test
    void theDefaultsLeaveMostOfAwsIotCoresFiftySubscriptionsToTheApplication() {
        RequestResponseOptions defaults = RequestResponseOptions.defaults();

        assertThat(defaults.maxRequestResponseSubscriptions()).isEqualTo(4);
        assertThat(defaults.maxStreamingSubscriptions()).isEqualTo(10);
        assertThat(defaults.operationTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.deliverToClientListener()).isFalse();
    }

    @Test
    void aBudgetBeyondFiftySubscriptionsOrTooSmallForOneRequestIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> RequestResponseOptions.builder().maxRequestResponseSubscriptions(30)
                .maxStreamingSubscriptions(21).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRequestResponseSubscriptions (30)")
                .hasMessageContaining("maxStreamingSubscriptions (21)").hasMessageContaining("50");
        assertThatThrownBy(() -> RequestResponseOptions.builder().maxRequestResponseSubscriptions(1))
                .hasMessageContaining("maxRequestResponseSubscriptions must be at least 2");
        assertThatThrownBy(() -> RequestResponseOptions.builder().operationTimeout(Duration.ZERO))
                .hasMessageContaining("operationTimeout must be positive");
        assertThat(RequestResponseOptions.builder().maxRequestResponseSubscriptions(40).maxStreamingSubscriptions(10)
                .build().maxRequestResponseSubscriptions()).isEqualTo(40);
    }

    @Test
    void responseTopicsMustBeExactTopics() {
        assertThatThrownBy(() -> new ServiceRequest("svc/op", object(), java.util.List.of("svc/op/+"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("svc/op/+");
        assertThat(ServiceRequest.uncorrelated("svc/op", object()).responseTopics())
                .containsExactly("svc/op/accepted", "svc/op/rejected");
    }

    @Test
    void streamFiltersMatchTopicsAsMqttDoes() {
        assertThat(TopicFilters.matches("a/b", "a/b")).isTrue();
        assertThat(TopicFilters.matches("a/+/c", "a/b/c")).isTrue();
        assertThat(TopicFilters.matches("a/+/c", "a/b/d")).isFalse();
        assertThat(TopicFilters.matches("a/#", "a/b/c")).isTrue();
        assertThat(TopicFilters.matches("a/#", "a")).isTrue();
        assertThat(TopicFilters.matches("a/+", "a/b/c")).isFalse();
        assertThat(TopicFilters.matches("a/b", "a/b/c")).isFalse();
    }
}
