package dev.mqtt5.spring.integration;

import java.util.List;

import dev.mqtt5.client.packet.QoS;

import org.springframework.integration.dsl.MessageHandlerSpec;
import org.springframework.messaging.converter.MessageConverter;

/** Configures a {@link Mqtt5MessageHandler} in the Java DSL; see {@link Mqtt5#outboundAdapter}. */
public final class Mqtt5OutboundAdapterSpec extends MessageHandlerSpec<Mqtt5OutboundAdapterSpec, Mqtt5MessageHandler> {

    Mqtt5OutboundAdapterSpec(Mqtt5MessageHandler handler) {
        this.target = handler;
    }

    /** The topic of messages without an {@code mqtt5_topic} header. */
    public Mqtt5OutboundAdapterSpec defaultTopic(String topic) {
        this.target.setDefaultTopic(topic);
        return this;
    }

    /** The QoS of messages without an {@code mqtt5_qos} header. */
    public Mqtt5OutboundAdapterSpec defaultQos(QoS qos) {
        this.target.setDefaultQos(qos);
        return this;
    }

    /** The retain flag of messages without an {@code mqtt5_retain} header. */
    public Mqtt5OutboundAdapterSpec defaultRetain(boolean retain) {
        this.target.setDefaultRetain(retain);
        return this;
    }

    /** Whether to return without waiting for the broker's acknowledgement. */
    public Mqtt5OutboundAdapterSpec async(boolean async) {
        this.target.setAsync(async);
        return this;
    }

    /** Names of String headers sent as user properties. */
    public Mqtt5OutboundAdapterSpec userPropertyHeaders(String... names) {
        this.target.setUserPropertyHeaders(List.of(names));
        return this;
    }

    /** The converter from payload to bytes. */
    public Mqtt5OutboundAdapterSpec messageConverter(MessageConverter converter) {
        this.target.setMessageConverter(converter);
        return this;
    }
}
