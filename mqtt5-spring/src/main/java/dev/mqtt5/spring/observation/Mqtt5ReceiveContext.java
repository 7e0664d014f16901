package dev.mqtt5.spring.observation;

import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.UserProperty;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * The observation context of a listener invocation: the received publish is the carrier, and
 * trace context (W3C {@code traceparent}, {@code tracestate}, baggage) is read from its MQTT 5 user
 * properties, so a trace started by the publisher continues here across the broker.
 */
public final class Mqtt5ReceiveContext extends ReceiverContext<PublishPacket> {

    private final String listenerId;

    /**
     * Creates the context.
     *
     * @param publish the received publish
     * @param listenerId the listener's id
     */
    public Mqtt5ReceiveContext(PublishPacket publish, String listenerId) {
        super(Mqtt5ReceiveContext::firstUserProperty);
        setCarrier(publish);
        setRemoteServiceName("mqtt-broker");
        this.listenerId = listenerId;
    }

    /** The listener's id. */
    public String getListenerId() {
        return this.listenerId;
    }

    private static String firstUserProperty(PublishPacket publish, String name) {
        for (UserProperty property : publish.userProperties()) {
            if (property.name().equals(name)) {
                return property.value();
            }
        }
        return null;
    }
}
