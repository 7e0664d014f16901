package dev.mqtt5.spring.observation;

import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Creates the two observations of the starter: {@value #PUBLISH} (a template publish, a producer
 * span) and {@value #LISTENER} (a listener invocation, a consumer span), with low-cardinality
 * key values {@code mqtt5.qos} and {@code mqtt5.listener.id}, and the topic as a high-cardinality one.
 */
public final class Mqtt5Observations {

    /** The name of the publish observation. */
    public static final String PUBLISH = "mqtt5.publish";

    /** The name of the listener observation. */
    public static final String LISTENER = "mqtt5.listener";

    private Mqtt5Observations() {
    }

    /**
     * A not-yet-started publish observation; a no-op one when the registry is null or no-op.
     *
     * @param registry the registry, or null
     * @param builder the publish being built (receives trace user properties when started)
     * @param topic the topic
     * @param qos the QoS
     * @return the observation
     */
    public static Observation publish(ObservationRegistry registry, PublishPacket.Builder builder, String topic, QoS qos) {
        if (registry == null) {
            return Observation.NOOP;
        }
        return Observation.createNotStarted(PUBLISH, () -> new Mqtt5PublishContext(builder, topic), registry)
            .contextualName(topic + " send")
            .lowCardinalityKeyValue("mqtt5.qos", String.valueOf(qos.value()))
            .highCardinalityKeyValue("mqtt5.topic", topic);
    }

    /**
     * A not-yet-started listener observation; a no-op one when the registry is null or no-op.
     *
     * @param registry the registry, or null
     * @param publish the received publish (trace user properties are read from it)
     * @param listenerId the listener's id
     * @return the observation
     */
    public static Observation listener(ObservationRegistry registry, PublishPacket publish, String listenerId) {
        if (registry == null) {
            return Observation.NOOP;
        }
        return Observation.createNotStarted(LISTENER, () -> new Mqtt5ReceiveContext(publish, listenerId), registry)
            .contextualName(listenerId + " receive")
            .lowCardinalityKeyValue("mqtt5.qos", String.valueOf(publish.qos().value()))
            .lowCardinalityKeyValue("mqtt5.listener.id", listenerId)
            .highCardinalityKeyValue("mqtt5.topic", publish.topic());
    }
}
