package dev.mqtt5.client.internal.codec;

/**
 * Topic names, topic filters and shared subscriptions (MQTT 5.0 sections 4.7 and 4.8.2). Pure functions: the
 * engine calls the checks on the caller's thread and {@link #matches} to route received messages.
 */
public final class Topics {

    private static final String SHARE_PREFIX = "$share/";

    private Topics() {
    }

    /**
     * Checks a topic name to publish to: not empty, no wildcard, a string the client may send (see
     * {@link MqttStrings#checkSendable(String, String, boolean)}).
     *
     * @throws IllegalArgumentException naming the field
     */
    public static void checkTopicName(String field, String topic, boolean allowDiscouraged) {
        MqttStrings.checkSendable(field, topic, allowDiscouraged);
        if (topic.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        int wildcard = indexOfWildcard(topic, 0, topic.length());
        if (wildcard >= 0) {
            throw new IllegalArgumentException(field + " must not contain the wildcard '" + topic.charAt(wildcard)
                    + "' (at index " + wildcard + "): '" + topic + "'");
        }
    }

    /**
     * Checks a topic filter to subscribe to: not empty; {@code #} only as the whole last level; {@code +} only as a
     * whole level; for {@code $share/{group}/{filter}} a non-empty group without {@code + # /} and a non-empty
     * filter that is itself valid; a string the client may send (see
     * {@link MqttStrings#checkSendable(String, String, boolean)}).
     *
     * @throws IllegalArgumentException naming the field
     */
    public static void checkTopicFilter(String field, String filter, boolean allowDiscouraged) {
        MqttStrings.checkSendable(field, filter, allowDiscouraged);
        if (filter.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        int start = 0;
        if (isShared(filter)) {
            int groupEnd = filter.indexOf('/', SHARE_PREFIX.length());
            if (groupEnd < 0) {
                throw new IllegalArgumentException(
                        field + " is a shared subscription without a topic filter after the group: '" + filter + "'");
            }
            if (groupEnd == SHARE_PREFIX.length()) {
                throw new IllegalArgumentException(field + " has an empty share group: '" + filter + "'");
            }
            if (indexOfWildcard(filter, SHARE_PREFIX.length(), groupEnd) >= 0) {
                throw new IllegalArgumentException(
                        field + " has a share group containing a wildcard: '" + filter + "'");
            }
            start = groupEnd + 1;
            if (start == filter.length()) {
                throw new IllegalArgumentException(
                        field + " is a shared subscription with an empty topic filter: '" + filter + "'");
            }
        }
        checkLevels(field, filter, start);
    }

    private static void checkLevels(String field, String filter, int start) {
        int levelStart = start;
        for (int i = start; i <= filter.length(); i++) {
            if (i < filter.length() && filter.charAt(i) != '/') {
                continue;
            }
            // the level is filter[levelStart, i)
            int wildcard = indexOfWildcard(filter, levelStart, i);
            if (wildcard >= 0) {
                char c = filter.charAt(wildcard);
                if (i - levelStart != 1) {
                    throw new IllegalArgumentException(field + ": '" + c
                            + "' must occupy a whole topic level (index " + wildcard + "): '" + filter + "'");
                }
                if (c == '#' && i != filter.length()) {
                    throw new IllegalArgumentException(
                            field + ": '#' must be the last level (index " + wildcard + "): '" + filter + "'");
                }
            }
            levelStart = i + 1;
        }
    }

    /** Whether the filter is a shared subscription, {@code $share/{group}/{filter}}. */
    public static boolean isShared(String filter) {
        return filter.startsWith(SHARE_PREFIX);
    }

    /**
     * Whether a topic name matches a topic filter. {@code +} matches one level, {@code #} the parent level and any
     * number of levels below it; topics starting with {@code $} are not matched by a filter whose first level is a
     * wildcard [MQTT-4.7.2-1]; a shared filter matches on its inner filter.
     *
     * @param filter a valid topic filter
     * @param topic a valid topic name
     */
    public static boolean matches(String filter, String topic) {
        int f = 0;
        if (isShared(filter)) {
            int groupEnd = filter.indexOf('/', SHARE_PREFIX.length());
            if (groupEnd < 0) {
                return false;
            }
            f = groupEnd + 1;
        }
        if (!topic.isEmpty() && topic.charAt(0) == '$' && f < filter.length()
                && (filter.charAt(f) == '+' || filter.charAt(f) == '#')) {
            return false;
        }
        int t = 0;
        int fLength = filter.length();
        int tLength = topic.length();
        while (f < fLength) {
            char c = filter.charAt(f);
            if (c == '#') {
                return true;
            }
            if (c == '+') {
                while (t < tLength && topic.charAt(t) != '/') {
                    t++;
                }
                f++;
                continue;
            }
            if (t == tLength) {
                // '#' also matches the parent level: "a/#" matches "a".
                return c == '/' && f + 2 == fLength && filter.charAt(f + 1) == '#';
            }
            if (topic.charAt(t) != c) {
                return false;
            }
            f++;
            t++;
        }
        return t == tLength;
    }

    private static int indexOfWildcard(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '#') {
                return i;
            }
        }
        return -1;
    }
}
