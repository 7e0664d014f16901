package dev.mqtt5.aws.iot.internal;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Reading the fields every AWS IoT service document shares; internal to the service clients of this
 * library, not a stable API.
 */
public final class ServiceJson {

    private ServiceJson() {
    }

    /**
     * A text field.
     *
     * @param node the document
     * @param field the field name
     * @return its text, or null when absent or not text
     */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /**
     * A timestamp in epoch seconds, as AWS IoT services send them.
     *
     * @param node the document
     * @param field the field name
     * @return the instant, or null when absent
     */
    public static Instant epochSeconds(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? Instant.ofEpochSecond(value.longValue()) : null;
    }

    /**
     * A number field.
     *
     * @param node the document
     * @param field the field name
     * @param absent what to return when it is absent
     * @return its value
     */
    public static long number(JsonNode node, String field, long absent) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.longValue() : absent;
    }
}
