package dev.mqtt5.aws.iot.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@code /update} request checked the way the Device Shadow service checks it, with its error
 * messages: {@code state} present and an object holding only {@code desired} and
 * {@code reported}, each an object or null, at most 6 levels deep; {@code version} an integer;
 * {@code clientToken} a string of at most 64 bytes.
 *
 * @param desired the desired section (null node to clear it), or null when absent
 * @param reported the reported section (null node to clear it), or null when absent
 * @param version the expected version, or null
 * @param clientToken the client token, or null
 */
record ShadowUpdateRequest(JsonNode desired, JsonNode reported, Long version, String clientToken) {

    static final int MAX_DEPTH = 6;

    static ShadowUpdateRequest of(ObjectNode request) throws ShadowRequestException {
        String clientToken = clientToken(request);
        JsonNode state = request.get("state");
        if (state == null) {
            throw new ShadowRequestException(400, "Missing required node: state");
        }
        if (!state.isObject()) {
            throw new ShadowRequestException(400, "State node must be an object");
        }
        for (Map.Entry<String, JsonNode> entry : state.properties()) {
            if (!entry.getKey().equals("desired") && !entry.getKey().equals("reported")) {
                throw new ShadowRequestException(400, "State contains an invalid node");
            }
        }
        JsonNode desired = section(state, "desired", "Desired node must be an object");
        JsonNode reported = section(state, "reported", "Reported node must be an object");
        JsonNode version = request.get("version");
        if (version != null && !version.canConvertToExactIntegral()) {
            throw new ShadowRequestException(400, "Invalid version");
        }
        return new ShadowUpdateRequest(desired, reported, (version != null) ? version.asLong() : null, clientToken);
    }

    /** The client token of any shadow request, checked; null when absent. */
    static String clientToken(ObjectNode request) throws ShadowRequestException {
        JsonNode token = request.get("clientToken");
        if (token == null) {
            return null;
        }
        if (!token.isString() || token.asString().getBytes(StandardCharsets.UTF_8).length > 64) {
            throw new ShadowRequestException(400, "Invalid clientToken");
        }
        return token.asString();
    }

    private static JsonNode section(JsonNode state, String name, String notAnObject) throws ShadowRequestException {
        JsonNode section = state.get(name);
        if (section == null || section.isNull()) {
            return section;
        }
        if (!section.isObject()) {
            throw new ShadowRequestException(400, notAnObject);
        }
        if (ShadowStates.depth(section) > MAX_DEPTH) {
            throw new ShadowRequestException(400, "JSON contains too many levels of nesting; maximum is " + MAX_DEPTH);
        }
        return section;
    }

    /** The state part of the request as {@code /update/accepted} echoes it. */
    ObjectNode echoedState() {
        ObjectNode state = Json.object();
        if (desired != null) {
            state.set("desired", desired.deepCopy());
        }
        if (reported != null) {
            state.set("reported", reported.deepCopy());
        }
        return state;
    }
}
