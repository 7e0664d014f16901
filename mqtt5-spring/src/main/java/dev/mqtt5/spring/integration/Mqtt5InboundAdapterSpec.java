package dev.mqtt5.spring.integration;

import java.util.concurrent.Executor;

import dev.mqtt5.client.packet.QoS;

import org.springframework.integration.dsl.MessageProducerSpec;

/** Configures a {@link Mqtt5MessageProducer} in the Java DSL; see {@link Mqtt5#inboundAdapter}. */
public final class Mqtt5InboundAdapterSpec extends MessageProducerSpec<Mqtt5InboundAdapterSpec, Mqtt5MessageProducer> {

    Mqtt5InboundAdapterSpec(Mqtt5MessageProducer producer) {
        super(producer);
    }

    /** The maximum QoS for delivery; see {@link Mqtt5MessageProducer#setQos}. */
    public Mqtt5InboundAdapterSpec qos(QoS qos) {
        this.target.setQos(qos);
        return this;
    }

    /** How many publishes are sent downstream at once; see {@link Mqtt5MessageProducer#setConcurrency}. */
    public Mqtt5InboundAdapterSpec concurrency(int concurrency) {
        this.target.setConcurrency(concurrency);
        return this;
    }

    /** The payload type; see {@link Mqtt5MessageProducer#setPayloadType}. */
    public Mqtt5InboundAdapterSpec payloadType(Class<?> payloadType) {
        this.target.setPayloadType(payloadType);
        return this;
    }

    /** The executor that sends downstream; see {@link Mqtt5MessageProducer#setTaskExecutor}. */
    public Mqtt5InboundAdapterSpec taskExecutor(Executor executor) {
        this.target.setTaskExecutor(executor);
        return this;
    }
}
