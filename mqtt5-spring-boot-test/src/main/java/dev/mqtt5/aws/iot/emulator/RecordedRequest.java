package dev.mqtt5.aws.iot.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A request the emulator received on one of the service request topics, exactly as it came on
 * the wire: for comparing what two clients send for the same operation.
 *
 * @param topic the topic the request was published to
 * @param payload the raw payload bytes (not copied: do not modify)
 * @param receivedAt when the emulator received it
 */
public record RecordedRequest(String topic, byte[] payload, Instant receivedAt) {

    /** Checks that no component is null. */
    public RecordedRequest {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(payload, "payload must not be null");
        Objects.requireNonNull(receivedAt, "receivedAt must not be null");
    }

    /**
     * Returns the payload decoded as UTF-8, as the AWS IoT services read it.
     *
     * @return the payload text
     */
    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
