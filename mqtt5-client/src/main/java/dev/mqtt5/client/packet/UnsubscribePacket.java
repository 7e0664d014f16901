package dev.mqtt5.client.packet;

import java.util.List;
import java.util.Objects;

/**
 * An UNSUBSCRIBE request.
 *
 * @param topicFilters the topic filters to remove, at least one, exactly as they were subscribed
 * @param userProperties the User Properties, never null
 */
public record UnsubscribePacket(List<String> topicFilters, List<UserProperty> userProperties) {

    /** Checks that there is at least one filter and copies the lists. */
    public UnsubscribePacket {
        Objects.requireNonNull(topicFilters, "topicFilters must not be null");
        if (topicFilters.isEmpty()) {
            throw new IllegalArgumentException("topicFilters must contain at least one topic filter");
        }
        for (String filter : topicFilters) {
            Objects.requireNonNull(filter, "topicFilters must not contain null");
        }
        topicFilters = List.copyOf(topicFilters);
        userProperties = Checks.userProperties(userProperties);
    }

    /** An UNSUBSCRIBE for the given topic filters. */
    public static UnsubscribePacket of(String... topicFilters) {
        return new UnsubscribePacket(List.of(topicFilters), List.of());
    }
}
