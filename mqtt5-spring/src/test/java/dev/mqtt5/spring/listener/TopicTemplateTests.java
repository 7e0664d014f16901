package dev.mqtt5.spring.listener;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopicTemplateTests {

    @Test
    void variablesBecomeSingleLevelWildcardsAndAreReadBackFromTheTopic() {
        TopicTemplate template = TopicTemplate.parse("devices/{deviceId}/sensors/{sensor}", null);
        assertThat(template.getFilter()).isEqualTo("devices/+/sensors/+");
        assertThat(template.extract("devices/d-1/sensors/temp")).containsExactly(Map.entry("deviceId", "d-1"),
                Map.entry("sensor", "temp"));
        assertThat(template.extract("devices/d-1/sensors")).isNull();
        assertThat(template.extract("devices/d-1/sensors/temp/extra")).isNull();
    }

    @Test
    void aGroupMakesASharedSubscriptionAndMatchingIgnoresThePrefix() {
        TopicTemplate template = TopicTemplate.parse("jobs/{kind}/#", "workers");
        assertThat(template.getFilter()).isEqualTo("$share/workers/jobs/+/#");
        assertThat(template.extract("jobs/print/a/b")).containsExactly(Map.entry("kind", "print"));
        assertThat(TopicTemplate.parse("$share/g/x/+", null).matches("x/y")).isTrue();
    }

    @Test
    void multiLevelWildcardMatchesTheParentLevelAndDollarTopicsDoNotMatchLeadingWildcards() {
        assertThat(TopicTemplate.parse("a/#", null).matches("a")).isTrue();
        assertThat(TopicTemplate.parse("#", null).matches("$SYS/broker")).isFalse();
        assertThat(TopicTemplate.parse("$SYS/#", null).matches("$SYS/broker")).isTrue();
    }

    @Test
    void malformedFiltersAreRejectedWithTheRuleTheyBreak() {
        assertThatIllegalArgumentException().isThrownBy(() -> TopicTemplate.parse("a/b#", null))
            .withMessageContaining("'#' must be a whole level and the last one");
        assertThatIllegalArgumentException().isThrownBy(() -> TopicTemplate.parse("a+/b", null))
            .withMessageContaining("'+' must be a whole level");
        assertThatIllegalArgumentException().isThrownBy(() -> TopicTemplate.parse("a/x{id}", null))
            .withMessageContaining("a topic variable must be a whole level");
        assertThatIllegalArgumentException().isThrownBy(() -> TopicTemplate.parse("$share/g/a", "h"))
            .withMessageContaining("already shared");
        assertThatIllegalArgumentException().isThrownBy(() -> TopicTemplate.parse("a/b", "g/h"))
            .withMessageContaining("must be non-empty and contain no '/'");
        assertThatIllegalArgumentException().isThrownBy(() -> TopicTemplate.parse("", null))
            .withMessageContaining("must not be empty");
    }
}
