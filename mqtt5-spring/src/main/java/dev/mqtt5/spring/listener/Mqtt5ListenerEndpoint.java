package dev.mqtt5.spring.listener;

import java.util.List;
import java.util.Objects;

import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.RetainHandling;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.Subscription;

/**
 * What one listener subscribes to and how it handles publishes: its id, topic templates,
 * subscription options, concurrency, acknowledgement mode, error handler and message listener.
 * Built by the annotation post-processor from a {@link Mqtt5Listener} method, or by hand for a
 * programmatic listener ({@link Mqtt5ListenerEndpointRegistry#registerListener}). Immutable.
 *
 * @param id the container id
 * @param topics the topic templates (filters with optional {@code {name}} variables)
 * @param qos the maximum QoS for delivery
 * @param noLocal the No Local subscription option
 * @param retainAsPublished the Retain As Published subscription option
 * @param retainHandling the Retain Handling subscription option
 * @param autoStartup whether the registry starts it with the context
 * @param concurrency how many publishes are handled at once (1 keeps arrival order)
 * @param ackMode when publishes are acknowledged
 * @param errorHandler the error handler, or null for the registry's default
 * @param listener the message listener
 */
public record Mqtt5ListenerEndpoint(String id, List<TopicTemplate> topics, QoS qos, boolean noLocal,
        boolean retainAsPublished, RetainHandling retainHandling, boolean autoStartup, int concurrency,
        AckMode ackMode, Mqtt5ListenerErrorHandler errorHandler, Mqtt5MessageListener listener) {

    /** Checks the values. */
    public Mqtt5ListenerEndpoint {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(listener, "listener must not be null");
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("listener '" + id + "' needs at least one topic filter");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("listener '" + id + "': concurrency must be at least 1, was " + concurrency);
        }
        qos = (qos != null) ? qos : QoS.AT_LEAST_ONCE;
        retainHandling = (retainHandling != null) ? retainHandling : RetainHandling.SEND_ON_SUBSCRIBE;
        ackMode = (ackMode != null) ? ackMode : AckMode.AUTO;
    }

    /**
     * A simple endpoint: the given topic filters at a QoS, default options, concurrency 1.
     *
     * @param id the container id
     * @param qos the maximum QoS for delivery
     * @param listener the message listener
     * @param topics the topic filters
     * @return the endpoint
     */
    public static Mqtt5ListenerEndpoint of(String id, QoS qos, Mqtt5MessageListener listener, String... topics) {
        return new Mqtt5ListenerEndpoint(id, List.of(topics).stream().map((t) -> TopicTemplate.parse(t, null)).toList(),
                qos, false, false, RetainHandling.SEND_ON_SUBSCRIBE, true, 1, AckMode.AUTO, null, listener);
    }

    /** The SUBSCRIBE packet for this endpoint's filters and options. */
    public SubscribePacket toSubscribePacket() {
        SubscribePacket.Builder builder = SubscribePacket.builder();
        for (TopicTemplate topic : this.topics) {
            builder.subscription(Subscription.builder(topic.getFilter())
                .qos(this.qos)
                .noLocal(this.noLocal)
                .retainAsPublished(this.retainAsPublished)
                .retainHandling(this.retainHandling)
                .build());
        }
        return builder.build();
    }

    /** The topic filters this endpoint subscribes to. */
    public List<String> filters() {
        return this.topics.stream().map(TopicTemplate::getFilter).toList();
    }
}
