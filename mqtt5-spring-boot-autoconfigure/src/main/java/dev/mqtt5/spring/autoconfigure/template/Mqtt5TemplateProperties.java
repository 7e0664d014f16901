package dev.mqtt5.spring.autoconfigure.template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mqtt5.client.packet.QoS;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Defaults of the auto-configured {@code Mqtt5Template} ({@code aws.iot.mqtt5.template.*}). */
@ConfigurationProperties("aws.iot.mqtt5.template")
public class Mqtt5TemplateProperties {

    /** QoS of publishes that do not name one. */
    private QoS defaultQos = QoS.AT_LEAST_ONCE;

    /** Whether publishes that do not say otherwise are retained. */
    private boolean defaultRetain;

    /** Duration the synchronous methods wait for the broker's acknowledgement. */
    private Duration sendTimeout = Duration.ofSeconds(30);

    /** Prefix of the reply topic for request/response; the topic is "<prefix>/<client id>". */
    private String replyTopicPrefix = "replies";

    /** Names of String message headers that convertAndSend sends as MQTT 5 user properties. */
    private List<String> userPropertyHeaders = new ArrayList<>();

    public QoS getDefaultQos() {
        return this.defaultQos;
    }

    public void setDefaultQos(QoS defaultQos) {
        this.defaultQos = defaultQos;
    }

    public boolean isDefaultRetain() {
        return this.defaultRetain;
    }

    public void setDefaultRetain(boolean defaultRetain) {
        this.defaultRetain = defaultRetain;
    }

    public Duration getSendTimeout() {
        return this.sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public String getReplyTopicPrefix() {
        return this.replyTopicPrefix;
    }

    public void setReplyTopicPrefix(String replyTopicPrefix) {
        this.replyTopicPrefix = replyTopicPrefix;
    }

    public List<String> getUserPropertyHeaders() {
        return this.userPropertyHeaders;
    }

    public void setUserPropertyHeaders(List<String> userPropertyHeaders) {
        this.userPropertyHeaders = userPropertyHeaders;
    }
}
