package dev.mqtt5.spring.integration;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.spring.core.Mqtt5HeaderMapper;
import dev.mqtt5.spring.core.Mqtt5Headers;
import dev.mqtt5.spring.core.RawPayloadMessageConverter;

import org.springframework.integration.handler.AbstractMessageHandler;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.converter.MessageConverter;

/**
 * A Spring Integration outbound channel adapter: publishes each message to the topic in its
 * {@link Mqtt5Headers#TOPIC} header (or the default topic), with the MQTT 5 properties found in
 * its {@link Mqtt5Headers} headers and the chosen headers as user properties. Waits for the
 * broker's acknowledgement unless {@link #setAsync(boolean) async}, so that a refused publish
 * fails the flow.
 */
public class Mqtt5MessageHandler extends AbstractMessageHandler {

    private final Mqtt5Client client;

    private MessageConverter converter = new RawPayloadMessageConverter();

    private String defaultTopic;

    private QoS defaultQos = QoS.AT_LEAST_ONCE;

    private boolean defaultRetain;

    private boolean async;

    private List<String> userPropertyHeaders = List.of();

    /**
     * Creates the handler.
     *
     * @param client the client to publish with
     */
    public Mqtt5MessageHandler(Mqtt5Client client) {
        this.client = client;
    }

    /** Sets the topic of messages without an {@code mqtt5_topic} header. */
    public void setDefaultTopic(String defaultTopic) {
        this.defaultTopic = defaultTopic;
    }

    /** Sets the QoS of messages without an {@code mqtt5_qos} header (default: AT_LEAST_ONCE). */
    public void setDefaultQos(QoS defaultQos) {
        this.defaultQos = defaultQos;
    }

    /** Sets the retain flag of messages without an {@code mqtt5_retain} header (default: false). */
    public void setDefaultRetain(boolean defaultRetain) {
        this.defaultRetain = defaultRetain;
    }

    /** Sets whether to return without waiting for the broker's acknowledgement (default: false). */
    public void setAsync(boolean async) {
        this.async = async;
    }

    /** Sets the names of String headers sent as MQTT 5 user properties. */
    public void setUserPropertyHeaders(List<String> userPropertyHeaders) {
        this.userPropertyHeaders = List.copyOf(userPropertyHeaders);
    }

    /** Sets the converter from payload to bytes (default: byte[], String, ByteBuffer). */
    public void setMessageConverter(MessageConverter converter) {
        this.converter = converter;
    }

    @Override
    public String getComponentType() {
        return "mqtt5:outbound-channel-adapter";
    }

    @Override
    protected void handleMessageInternal(Message<?> message) {
        Message<?> converted = this.converter.toMessage(message.getPayload(), message.getHeaders());
        if (converted == null || !(converted.getPayload() instanceof byte[] payload)) {
            throw new MessageHandlingException(message, "cannot publish a " + message.getPayload().getClass().getName()
                    + " payload; send byte[], String or ByteBuffer (add a transformer such as Transformers.toJson()),"
                    + " or set a MessageConverter on the outbound adapter");
        }
        String topic = (message.getHeaders().get(Mqtt5Headers.TOPIC) instanceof String name) ? name : this.defaultTopic;
        if (topic == null) {
            throw new MessageHandlingException(message, "no topic: set an 'mqtt5_topic' header (Mqtt5Headers.TOPIC)"
                    + " or a default topic on the outbound adapter");
        }
        PublishPacket.Builder builder = PublishPacket.builder().topic(topic).qos(this.defaultQos)
            .retain(this.defaultRetain).payload(payload);
        Mqtt5HeaderMapper.applyHeaders(message.getHeaders(), builder, this.userPropertyHeaders);
        CompletableFuture<PublishResult> result = this.client.publish(builder.topic(topic).build());
        if (!this.async) {
            result.join();
        }
    }
}
