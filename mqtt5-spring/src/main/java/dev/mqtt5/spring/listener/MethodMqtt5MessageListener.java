package dev.mqtt5.spring.listener;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.spring.core.Mqtt5HeaderMapper;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Invokes a {@code @Mqtt5Listener} method through spring-messaging's {@link InvocableHandlerMethod}
 * and publishes a non-null return value as the reply: to the request's response topic with its
 * correlation data, or to the {@code @SendTo} topic when the request has none. The reply is
 * acknowledged by the broker (QoS 1 and 2) before the request is.
 */
public final class MethodMqtt5MessageListener implements Mqtt5MessageListener {

    private static final Log logger = LogFactory.getLog(MethodMqtt5MessageListener.class);

    private final InvocableHandlerMethod method;

    private final List<TopicTemplate> topics;

    /** Whether any topic has a {@code {name}} variable: only then is the message copied to carry them. */
    private final boolean hasVariables;

    private final String sendTo;

    private final Mqtt5Client client;

    private final MessageConverter converter;

    private volatile boolean warnedNoReplyTopic;

    /**
     * Creates the listener.
     *
     * @param method the method to invoke
     * @param topics the listener's topic templates (for topic variables)
     * @param sendTo the default reply topic, or null
     * @param client the client to publish replies with
     * @param converter converts return values to payload bytes
     */
    public MethodMqtt5MessageListener(InvocableHandlerMethod method, List<TopicTemplate> topics, String sendTo,
            Mqtt5Client client, MessageConverter converter) {
        this.method = method;
        this.topics = topics;
        this.hasVariables = topics.stream().anyMatch((topic) -> !topic.getVariables().isEmpty());
        this.sendTo = sendTo;
        this.client = client;
        this.converter = converter;
    }

    @Override
    public void onMessage(Message<byte[]> message) throws Exception {
        PublishPacket request = (PublishPacket) message.getHeaders().get(dev.mqtt5.spring.core.Mqtt5Headers.RECEIVED_PUBLISH);
        // A copy of the message (its headers copied twice, a new id) only when there are variables to add.
        Message<byte[]> invoked = !this.hasVariables ? message : MessageBuilder.fromMessage(message)
            .setHeader(Mqtt5ArgumentResolvers.TOPIC_VARIABLES, topicVariables(request.topic()))
            .build();
        Object result = this.method.invoke(invoked);
        if (result instanceof CompletionStage<?> stage) {
            result = stage.toCompletableFuture().join();
        }
        if (result != null) {
            reply(request, result);
        }
    }

    private Map<String, String> topicVariables(String topic) {
        for (TopicTemplate template : this.topics) {
            Map<String, String> values = template.extract(topic);
            if (values != null) {
                return values;
            }
        }
        return Map.of();
    }

    private void reply(PublishPacket request, Object result) {
        String topic = (request.responseTopic() != null) ? request.responseTopic() : this.sendTo;
        if (topic == null) {
            if (!this.warnedNoReplyTopic) {
                this.warnedNoReplyTopic = true;
                logger.warn(this.method.getShortLogMessage() + " returned a value for a publish without a response"
                        + " topic, and has no @SendTo: the value is dropped (logged once)");
            }
            return;
        }
        PublishPacket.Builder reply = PublishPacket.builder().topic(topic).qos(request.qos());
        if (result instanceof Message<?> message) {
            Mqtt5HeaderMapper.applyHeaders(message.getHeaders(), reply, List.of());
            result = message.getPayload();
        }
        Message<?> converted = this.converter.toMessage(result, null);
        if (converted == null || !(converted.getPayload() instanceof byte[] payload)) {
            throw new MessageConversionException("cannot convert the return value of "
                    + this.method.getShortLogMessage() + " (" + result.getClass().getName()
                    + ") to an MQTT payload; return byte[], String, or a JSON-serializable object with Jackson present");
        }
        Mqtt5HeaderMapper.applyHeaders(converted.getHeaders(), reply, List.of());
        reply.topic(topic).payload(payload);
        if (request.correlationData() != null) {
            reply.correlationData(request.correlationData());
        }
        this.client.publish(reply.build()).join();
    }
}
