package dev.mqtt5.spring.autoconfigure;

import java.time.Duration;

import dev.mqtt5.client.config.JitterMode;

/**
 * Reconnect back-off ({@code aws.iot.mqtt5.reconnect}).
 */
public class Mqtt5ReconnectProperties {

    /**
     * Delay before the first reconnect attempt.
     */
    private Duration minDelay = Duration.ofSeconds(1);

    /**
     * Longest delay between reconnect attempts.
     */
    private Duration maxDelay = Duration.ofSeconds(120);

    /**
     * How the delay is randomised between attempts.
     */
    private JitterMode jitter = JitterMode.FULL;

    /**
     * How long a connection must last before the back-off starts again from min-delay.
     */
    private Duration resetAfter = Duration.ofSeconds(30);

    public Duration getMinDelay() {
        return this.minDelay;
    }

    public void setMinDelay(Duration minDelay) {
        this.minDelay = minDelay;
    }

    public Duration getMaxDelay() {
        return this.maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    public JitterMode getJitter() {
        return this.jitter;
    }

    public void setJitter(JitterMode jitter) {
        this.jitter = jitter;
    }

    public Duration getResetAfter() {
        return this.resetAfter;
    }

    public void setResetAfter(Duration resetAfter) {
        this.resetAfter = resetAfter;
    }
}
