package dev.mqtt5.spring.aws.iot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state a handler returned, as the JSON to report: an object's null fields are left out at
 * every level, since a JSON null in a shadow update deletes the field; a {@code JsonNode} is sent
 * as it is, so a handler that means to delete a field returns one with an explicit null.
 */
final class ReportedState {

    private ReportedState() {
    }

    static JsonNode of(Object state, JsonMapper mapper) {
        if (state instanceof JsonNode node) {
            return node;
        }
        JsonNode tree = mapper.valueToTree(state);
        stripNulls(tree);
        return tree;
    }

    private static void stripNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> nulls = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getValue().isNull()) {
                    nulls.add(field.getKey());
                }
                else {
                    stripNulls(field.getValue());
                }
            }
            object.remove(nulls);
        }
    }
}
