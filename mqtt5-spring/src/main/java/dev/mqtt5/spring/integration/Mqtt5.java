package dev.mqtt5.spring.integration;

import dev.mqtt5.client.Mqtt5Client;

/**
 * The Java DSL entry point for MQTT 5 channel adapters.
 *
 * <pre>{@code
 * IntegrationFlow.from(Mqtt5.inboundAdapter(client, "sensors/#").payloadType(String.class))
 *     .transform(String::toUpperCase)
 *     .handle(Mqtt5.outboundAdapter(client).defaultTopic("sensors-upper"))
 *     .get();
 * }</pre>
 */
public final class Mqtt5 {

    private Mqtt5() {
    }

    /**
     * An inbound channel adapter for these topic filters.
     *
     * @param client the client to subscribe with
     * @param topics the topic filters
     * @return the spec
     */
    public static Mqtt5InboundAdapterSpec inboundAdapter(Mqtt5Client client, String... topics) {
        return new Mqtt5InboundAdapterSpec(new Mqtt5MessageProducer(client, topics));
    }

    /**
     * An outbound channel adapter.
     *
     * @param client the client to publish with
     * @return the spec
     */
    public static Mqtt5OutboundAdapterSpec outboundAdapter(Mqtt5Client client) {
        return new Mqtt5OutboundAdapterSpec(new Mqtt5MessageHandler(client));
    }
}
