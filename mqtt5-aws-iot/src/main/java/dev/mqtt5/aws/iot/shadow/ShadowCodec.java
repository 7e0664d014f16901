package dev.mqtt5.aws.iot.shadow;

import static dev.mqtt5.aws.iot.internal.ServiceJson.epochSeconds;
import static dev.mqtt5.aws.iot.internal.ServiceJson.number;
import static dev.mqtt5.aws.iot.internal.ServiceJson.text;

import dev.mqtt5.aws.iot.rr.ServiceMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/** Shadow documents to and from JSON, with the caller's types for the state. */
final class ShadowCodec {

    private final JsonMapper mapper;

    ShadowCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode updateRequest(ShadowUpdate update) {
        ObjectNode state = mapper.createObjectNode();
        part(state, "desired", update.desiredPart());
        part(state, "reported", update.reportedPart());
        ObjectNode request = mapper.createObjectNode();
        request.set("state", state);
        update.version().ifPresent(version -> request.put("version", version));
        update.clientToken().ifPresent(token -> request.put("clientToken", token));
        return request;
    }

    private void part(ObjectNode state, String name, Object part) {
        if (ShadowUpdate.isClear(part)) {
            state.set(name, NullNode.getInstance());
        } else if (part != null) {
            state.set(name, mapper.valueToTree(part));
        }
    }

    <S> ShadowDocument<S> document(JsonNode body, Class<S> type) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode state = body.path("state");
        ShadowState<S> decoded = new ShadowState<>(value(state.get("desired"), type),
                value(state.get("reported"), type), value(state.get("delta"), type));
        return new ShadowDocument<>(decoded, body.path("metadata"), number(body, "version", 0),
                epochSeconds(body, "timestamp"), text(body, "clientToken"));
    }

    <S> ShadowDelta<S> delta(JsonNode body, Class<S> type) {
        return new ShadowDelta<>(value(body.get("state"), type), body.path("metadata"), number(body, "version", 0),
                epochSeconds(body, "timestamp"), text(body, "clientToken"));
    }

    <S> ShadowDocumentsEvent<S> documents(JsonNode body, Class<S> type) {
        return new ShadowDocumentsEvent<>(document(body.get("previous"), type), document(body.get("current"), type),
                epochSeconds(body, "timestamp"), text(body, "clientToken"));
    }

    ShadowDeleted deleted(JsonNode body) {
        return new ShadowDeleted(number(body, "version", 0), epochSeconds(body, "timestamp"), text(body, "clientToken"));
    }

    private <S> S value(JsonNode node, Class<S> type) {
        if (node == null || node.isNull() || node instanceof MissingNode) {
            return null;
        }
        return mapper.treeToValue(node, type);
    }

    /** The exception for a {@code /rejected} reply. */
    static ShadowException rejection(String operation, ServiceMessage reply) {
        JsonNode body = reply.body();
        int code = (int) number(body, "code", -1);
        String message = text(body, "message");
        if (code == 409) {
            return new ShadowVersionConflictException(operation, message, text(body, "clientToken"),
                    epochSeconds(body, "timestamp"));
        }
        return new ShadowException(operation, code, message, text(body, "clientToken"), epochSeconds(body, "timestamp"));
    }
}
