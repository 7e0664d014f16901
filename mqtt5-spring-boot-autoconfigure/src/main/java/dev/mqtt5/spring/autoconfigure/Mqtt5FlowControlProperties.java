package dev.mqtt5.spring.autoconfigure;

/**
 * Client-side flow control ({@code aws.iot.mqtt5.flow-control}).
 */
public class Mqtt5FlowControlProperties {

    /**
     * Whether to throttle outbound traffic. With no explicit rates, AWS IoT Core's per-
     * connection limits apply (100 publishes and 512 KiB per second). Defaults to true with an
     * AWS IoT authentication method, false otherwise.
     */
    private Boolean enabled;

    /**
     * Publishes allowed per second, instead of the IoT Core limit.
     */
    private Integer publishesPerSecond;

    /**
     * Bytes allowed per second over all operations, instead of the IoT Core limit.
     */
    private Integer bytesPerSecond;

    public Boolean getEnabled() {
        return this.enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Integer getPublishesPerSecond() {
        return this.publishesPerSecond;
    }

    public void setPublishesPerSecond(Integer publishesPerSecond) {
        this.publishesPerSecond = publishesPerSecond;
    }

    public Integer getBytesPerSecond() {
        return this.bytesPerSecond;
    }

    public void setBytesPerSecond(Integer bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }
}
