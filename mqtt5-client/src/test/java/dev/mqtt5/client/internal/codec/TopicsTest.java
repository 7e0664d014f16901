package dev.mqtt5.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.conformance.Covers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b/c", "/", "/a", "a/", "$SYS/broker", "ü/漢/😀", " "})
    void acceptsValidTopicNames(String topic) {
        assertThatCode(() -> Topics.checkTopicName("topic", topic, false)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a/+|topic must not contain the wildcard '+' (at index 2)",
        "#|topic must not contain the wildcard '#' (at index 0)",
        "a/b#|topic must not contain the wildcard '#'"})
    @Covers({"MQTT-3.3.2-2", "MQTT-4.7.0-1"})
    void rejectsTopicNamesWithWildcards(String topic, String message) {
        assertThatThrownBy(() -> Topics.checkTopicName("topic", topic, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    @Covers({"MQTT-4.7.3-1", "MQTT-4.7.3-2"})
    void rejectsEmptyAndIllFormedTopicNames() {
        assertThatThrownBy(() -> Topics.checkTopicName("publish topic", "", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("publish topic must not be empty");
        assertThatThrownBy(() -> Topics.checkTopicName("publish topic", "a\u0000b", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("publish topic is not well-formed UTF-8 for MQTT: contains U+0000 at index 1");
        assertThatThrownBy(() -> Topics.checkTopicName("publish topic", null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("publish topic must not be null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "a/#", "a/+/c", "+/+", "/+", "+/", "a//b", "$share/g/a/#", "$share/group/+",
        "$share/g/#", "$SYS/#", "sport/tennis/player1/#", "$shared/x", "$share"})
    void acceptsValidTopicFilters(String filter) {
        assertThatCode(() -> Topics.checkTopicFilter("filter", filter, false)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a/#/b|filter: '#' must be the last level (index 2)",
        "a#|filter: '#' must occupy a whole topic level (index 1)",
        "a/b#|filter: '#' must occupy a whole topic level",
        "a+/b|filter: '+' must occupy a whole topic level (index 1)",
        "a/+b|filter: '+' must occupy a whole topic level",
        "$share/g|filter is a shared subscription without a topic filter after the group",
        "$share//a|filter has an empty share group",
        "$share/g+/a|filter has a share group containing a wildcard",
        "$share/#/a|filter has a share group containing a wildcard",
        "$share/g/|filter is a shared subscription with an empty topic filter",
        "$share/g/a/#/b|filter: '#' must be the last level"})
    @Covers({"MQTT-4.7.1-1", "MQTT-4.7.1-2", "MQTT-4.8.2-1", "MQTT-4.8.2-2"})
    void rejectsInvalidTopicFiltersNamingTheField(String filter, String message) {
        assertThatThrownBy(() -> Topics.checkTopicFilter("filter", filter, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    @Covers("MQTT-4.7.3-1")
    void rejectsAnEmptyTopicFilter() {
        assertThatThrownBy(() -> Topics.checkTopicFilter("subscriptions[0].topicFilter", "", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subscriptions[0].topicFilter must not be empty");
    }

    @Test
    void recognisesSharedSubscriptions() {
        assertThat(Topics.isShared("$share/g/a")).isTrue();
        assertThat(Topics.isShared("$shared/g/a")).isFalse();
        assertThat(Topics.isShared("a/$share/g")).isFalse();
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "a/b/c, a/b/c, true",
        "a/b/c, a/b, false",
        "a/b, a/b/c, false",
        "a/b, a/bc, false",
        "a/bc, a/b, false",
        "a/+/c, a/b/c, true",
        "a/+/c, a//c, true",
        "a/+/c, a/b/d, false",
        "a/+, a/b/c, false",
        "+, a, true",
        "+, /a, false",
        "+/+, /a, true",
        "/+, /a, true",
        "+/a, /a, true",
        "#, a/b/c, true",
        "#, /, true",
        "a/#, a, true",
        "a/#, a/, true",
        "a/#, a/b/c, true",
        "a/#, ab, false",
        "a/+/#, a/b, true",
        "sport/tennis/+, sport/tennis/player1, true",
        "sport/tennis/+, sport/tennis/player1/ranking, false",
        "sport/+, sport, false",
        "sport/+, sport/, true",
        "#, $SYS/monitor, false",
        "+/monitor, $SYS/monitor, false",
        "$SYS/#, $SYS/monitor, true",
        "$SYS/+, $SYS/monitor, true",
        "$share/g/a/+, a/b, true",
        "$share/g/#, $SYS/x, false",
        "$share/g/a/b, a/c, false",
        "ü/+, ü/漢, true"})
    void matchesTopicsAgainstFilters(String filter, String topic, boolean matches) {
        assertThat(Topics.matches(filter, topic)).isEqualTo(matches);
    }
}
