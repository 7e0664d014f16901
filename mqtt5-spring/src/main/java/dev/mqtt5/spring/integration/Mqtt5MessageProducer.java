package dev.mqtt5.spring.integration;

import java.util.List;
import java.util.concurrent.Executor;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.RetainHandling;
import dev.mqtt5.spring.core.Mqtt5ClientEvents;
import dev.mqtt5.spring.core.RawPayloadMessageConverter;
import dev.mqtt5.spring.listener.AckMode;
import dev.mqtt5.spring.listener.ListenerThreads;
import dev.mqtt5.spring.listener.Mqtt5ListenerContainer;
import dev.mqtt5.spring.listener.Mqtt5ListenerEndpoint;
import dev.mqtt5.spring.listener.TopicTemplate;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A Spring Integration inbound channel adapter: subscribes to topic filters with the same
 * listener container as {@code @Mqtt5Listener} (resubscribing when a connection comes up without
 * a session) and sends each publish to the output channel as a message with
 * {@link dev.mqtt5.spring.core.Mqtt5Headers} headers. QoS 1 and 2 publishes are acknowledged
 * when the send returns (after the flow downstream of a direct channel has run); a failure goes to
 * the error channel when one is set, and is logged otherwise. Stopping the adapter unsubscribes.
 */
public class Mqtt5MessageProducer extends MessageProducerSupport {

    private final Mqtt5Client client;

    private final List<String> topics;

    private QoS qos = QoS.AT_LEAST_ONCE;

    private int concurrency = 1;

    private Class<?> payloadType = byte[].class;

    private Executor executor;

    private ListenerThreads ownThreads;

    private Mqtt5ListenerContainer container;

    /**
     * Creates the adapter.
     *
     * @param client the client to subscribe with
     * @param topics the topic filters ({@code +}, {@code #}, {@code $share/<group>/})
     */
    public Mqtt5MessageProducer(Mqtt5Client client, String... topics) {
        this.client = client;
        this.topics = List.of(topics);
    }

    /** Sets the maximum QoS for delivery (default: AT_LEAST_ONCE). */
    public void setQos(QoS qos) {
        this.qos = qos;
    }

    /** Sets how many publishes are sent downstream at once (default 1: arrival order). */
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    /** Sets the payload type: {@code byte[]} (default), {@code String} (UTF-8) or {@code ByteBuffer}. */
    public void setPayloadType(Class<?> payloadType) {
        this.payloadType = payloadType;
    }

    /**
     * Sets the executor that sends downstream (default: {@link ListenerThreads} named
     * {@code mqtt5-inbound-}, which reuse idle threads instead of starting one per burst, and end
     * after a minute idle).
     */
    public void setTaskExecutor(Executor executor) {
        this.executor = executor;
    }

    @Override
    public String getComponentType() {
        return "mqtt5:inbound-channel-adapter";
    }

    @Override
    protected void onInit() {
        super.onInit();
        if (this.payloadType != byte[].class && this.payloadType != String.class
                && this.payloadType != java.nio.ByteBuffer.class) {
            throw new IllegalArgumentException("payloadType must be byte[], String or ByteBuffer, was "
                    + this.payloadType.getName() + "; convert JSON downstream, e.g. with Transformers.fromJson(...)");
        }
        String id = (getComponentName() != null) ? getComponentName() : "mqtt5InboundAdapter@" + hashCode();
        Mqtt5ListenerEndpoint endpoint = new Mqtt5ListenerEndpoint(id,
                this.topics.stream().map((topic) -> TopicTemplate.parse(topic, null)).toList(), this.qos, false, false,
                RetainHandling.SEND_ON_SUBSCRIBE, true, this.concurrency, AckMode.AUTO, null, this::send);
        Executor taskExecutor = (this.executor != null) ? this.executor : ownThreads();
        this.container = new Mqtt5ListenerContainer(endpoint, this.client, taskExecutor, null, null);
        Mqtt5ClientEvents events = clientEvents(getBeanFactory());
        if (events != null && events.isTracking(this.client)) {
            this.container.setConnectionAware(true);
            events.addLifecycleListener(new LifecycleListener() {
                @Override
                public void onConnectionSuccess(ConnectionSuccessEvent event) {
                    Mqtt5MessageProducer.this.container.connectionUp(event.settings().rejoinedSession());
                }
            });
        }
    }

    private static Mqtt5ClientEvents clientEvents(BeanFactory beanFactory) {
        return (beanFactory != null) ? beanFactory.getBeanProvider(Mqtt5ClientEvents.class).getIfUnique() : null;
    }

    private void send(Message<byte[]> message) {
        if (this.payloadType == byte[].class) {
            sendMessage(message);
            return;
        }
        Object payload = new RawPayloadMessageConverter().fromMessage(message, this.payloadType);
        sendMessage(MessageBuilder.withPayload(payload).copyHeaders(message.getHeaders()).build());
    }

    @Override
    protected void doStart() {
        this.container.start();
    }

    @Override
    protected void doStop() {
        this.container.stop(true);
    }

    /** The default executor, made once and closed with the adapter. */
    private Executor ownThreads() {
        this.ownThreads = new ListenerThreads("mqtt5-inbound-");
        return this.ownThreads;
    }

    @Override
    public void destroy() {
        super.destroy();
        if (this.ownThreads != null) {
            this.ownThreads.close();
        }
    }

    /** Whether the broker has acknowledged the subscription. */
    public boolean isSubscribed() {
        return this.container != null && this.container.isSubscribed();
    }
}
