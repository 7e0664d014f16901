package dev.mqtt5.aws.iot.rr;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request to an AWS IoT service: a JSON document published (QoS 1) to a request topic, answered
 * on one of its response topics. A correlated request's reply is the message on a response topic
 * whose {@code clientToken} equals the request's: the client generates one when the payload has
 * none and keeps the caller's otherwise. An uncorrelated request (Fleet Provisioning, whose replies
 * carry no token) takes the next message on its response topics, so the client sends one at a time
 * per set of response topics.
 *
 * @param requestTopic where the request is published
 * @param payload the request document; not modified (the client publishes a copy with the token)
 * @param responseTopics the exact topics the reply may come on, usually {@code .../accepted} and
 *     {@code .../rejected}; each is one subscription of the request-response budget while in use
 * @param correlated whether replies carry the request's {@code clientToken}
 */
public record ServiceRequest(String requestTopic, ObjectNode payload, List<String> responseTopics, boolean correlated) {

    /**
     * Checks and copies the fields.
     *
     * @param requestTopic where the request is published
     * @param payload the request document
     * @param responseTopics the exact topics the reply may come on
     * @param correlated whether replies carry the request's {@code clientToken}
     */
    public ServiceRequest {
        Objects.requireNonNull(requestTopic, "requestTopic must not be null");
        Objects.requireNonNull(payload, "payload must not be null");
        responseTopics = List.copyOf(Objects.requireNonNull(responseTopics, "responseTopics must not be null"));
        if (responseTopics.isEmpty()) {
            throw new IllegalArgumentException("responseTopics must not be empty");
        }
        for (String topic : responseTopics) {
            if (topic.contains("+") || topic.contains("#")) {
                throw new IllegalArgumentException("responseTopics must be exact topics, was " + topic);
            }
        }
    }

    /**
     * A request answered on {@code requestTopic + "/accepted"} or {@code "/rejected"}, correlated
     * by {@code clientToken}: the shape of Device Shadow and Jobs requests.
     *
     * @param requestTopic where the request is published
     * @param payload the request document
     * @return the request
     */
    public static ServiceRequest correlated(String requestTopic, ObjectNode payload) {
        return new ServiceRequest(requestTopic, payload, acceptedAndRejected(requestTopic), true);
    }

    /**
     * A request answered on {@code requestTopic + "/accepted"} or {@code "/rejected"} whose replies
     * carry no token: the shape of Fleet Provisioning requests.
     *
     * @param requestTopic where the request is published
     * @param payload the request document
     * @return the request
     */
    public static ServiceRequest uncorrelated(String requestTopic, ObjectNode payload) {
        return new ServiceRequest(requestTopic, payload, acceptedAndRejected(requestTopic), false);
    }

    private static List<String> acceptedAndRejected(String requestTopic) {
        return List.of(requestTopic + "/accepted", requestTopic + "/rejected");
    }
}
