package dev.mqtt5.spring.autoconfigure;

import dev.mqtt5.client.config.TopicAliasingOptions.Mode;

/**
 * Topic aliasing ({@code aws.iot.mqtt5.topic-aliasing}).
 */
public class Mqtt5TopicAliasingProperties {

    /**
     * Who chooses topic aliases on outbound publishes: disabled, manual (the application) or
     * lru (the client, for the most recently used topics).
     */
    private Mode outbound = Mode.DISABLED;

    /**
     * Number of topics the lru mode keeps aliased.
     */
    private int cacheSize = 25;

    /**
     * Number of topic aliases the broker may use toward the client (Topic Alias Maximum in
     * CONNECT).
     */
    private Integer inboundMaximum;

    public Mode getOutbound() {
        return this.outbound;
    }

    public void setOutbound(Mode outbound) {
        this.outbound = outbound;
    }

    public int getCacheSize() {
        return this.cacheSize;
    }

    public void setCacheSize(int cacheSize) {
        this.cacheSize = cacheSize;
    }

    public Integer getInboundMaximum() {
        return this.inboundMaximum;
    }

    public void setInboundMaximum(Integer inboundMaximum) {
        this.inboundMaximum = inboundMaximum;
    }
}
