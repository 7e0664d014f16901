package dev.mqtt5.spring.autoconfigure;

import java.time.Duration;

import dev.mqtt5.client.packet.QoS;

/**
 * Will message ({@code aws.iot.mqtt5.will}), published by the broker when the connection ends
 * without a normal DISCONNECT.
 */
public class Mqtt5WillProperties {

    /**
     * Topic of the will message; no will is sent without it.
     */
    private String topic;

    /**
     * Payload of the will message, as UTF-8 text.
     */
    private String payload;

    /**
     * QoS of the will message.
     */
    private QoS qos = QoS.AT_MOST_ONCE;

    /**
     * Whether the will message is retained.
     */
    private boolean retain;

    /**
     * Time the broker waits after the connection ends before it publishes the will.
     */
    private Duration delay;

    /**
     * Lifetime of the will message on the broker.
     */
    private Duration messageExpiry;

    /**
     * Content type of the will message, such as 'application/json'.
     */
    private String contentType;

    public String getTopic() {
        return this.topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getPayload() {
        return this.payload;
    }

    public void setPayload(String payload) {
        this.payload = payload;
    }

    public QoS getQos() {
        return this.qos;
    }

    public void setQos(QoS qos) {
        this.qos = qos;
    }

    public boolean isRetain() {
        return this.retain;
    }

    public void setRetain(boolean retain) {
        this.retain = retain;
    }

    public Duration getDelay() {
        return this.delay;
    }

    public void setDelay(Duration delay) {
        this.delay = delay;
    }

    public Duration getMessageExpiry() {
        return this.messageExpiry;
    }

    public void setMessageExpiry(Duration messageExpiry) {
        this.messageExpiry = messageExpiry;
    }

    public String getContentType() {
        return this.contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }
}
