package dev.mqtt5.aws.iot.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The emulator's one JSON mapper and the small conversions every service needs. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /** Parses a request payload; an empty payload reads as an empty object, as AWS accepts it. */
    static ObjectNode parseRequest(byte[] payload) throws InvalidRequestJsonException {
        if (payload.length == 0) {
            return object();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(payload);
        } catch (JacksonException ex) {
            throw new InvalidRequestJsonException();
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidRequestJsonException();
        }
        return object;
    }

    /** Parses JSON text given from Java (a job document, a desired state). */
    static JsonNode parse(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException ex) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /** Seconds since the epoch: the unit of every AWS IoT timestamp on these topics. */
    static long epochSeconds(Instant instant) {
        return instant.getEpochSecond();
    }

    /** A request payload that is not a JSON object. */
    static final class InvalidRequestJsonException extends Exception {

        private static final long serialVersionUID = 1L;

        InvalidRequestJsonException() {
            super("Invalid JSON", null, false, false);
        }
    }
}
