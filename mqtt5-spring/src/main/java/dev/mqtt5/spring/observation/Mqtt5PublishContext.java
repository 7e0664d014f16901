package dev.mqtt5.spring.observation;

import dev.mqtt5.client.packet.PublishPacket;
import io.micrometer.observation.transport.SenderContext;

/**
 * The observation context of a publish by the template: the publish being built is the carrier,
 * and trace context (W3C {@code traceparent}, {@code tracestate}, baggage) is written into its
 * MQTT 5 user properties by the tracing handler, so the trace crosses the broker.
 */
public final class Mqtt5PublishContext extends SenderContext<PublishPacket.Builder> {

    private final String topic;

    /**
     * Creates the context.
     *
     * @param builder the publish being built; trace headers are added to it as user properties
     * @param topic the topic published to
     */
    public Mqtt5PublishContext(PublishPacket.Builder builder, String topic) {
        super((carrier, key, value) -> carrier.userProperty(key, value));
        setCarrier(builder);
        setRemoteServiceName("mqtt-broker");
        this.topic = topic;
    }

    /** The topic published to. */
    public String getTopic() {
        return this.topic;
    }
}
