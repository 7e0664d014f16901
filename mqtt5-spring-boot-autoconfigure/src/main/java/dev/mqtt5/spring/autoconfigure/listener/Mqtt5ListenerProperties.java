package dev.mqtt5.spring.autoconfigure.listener;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults of {@code @Mqtt5Listener} methods and their error handling ({@code aws.iot.mqtt5.listener.*}).
 */
@ConfigurationProperties("aws.iot.mqtt5.listener")
public class Mqtt5ListenerProperties {

    /** Whether listeners subscribe when the context starts, unless their autoStartup attribute says otherwise. */
    private boolean autoStartup = true;

    /** How many publishes a listener handles at once, unless its concurrency attribute says otherwise; 1 keeps arrival order. */
    private int concurrency = 1;

    /**
     * How long shutdown waits, in all, for shared subscriptions to end and for the listener
     * invocations already received to finish and be acknowledged, before the client disconnects.
     * Capped below spring.lifecycle.timeout-per-shutdown-phase.
     */
    private Duration shutdownTimeout = Duration.ofSeconds(20);

    /**
     * Whether shutdown ends shared subscriptions (group) with UNSUBSCRIBE before it stops taking
     * messages, handling what the broker had already sent (MQTT 5.0 section 3.10.4; needed with
     * mosquitto, which gives a departed member's messages to no one else). Set false for HiveMQ,
     * which hands a departed member's unacknowledged messages to the group by itself and stops
     * delivering to the whole group when acknowledgements follow the UNSUBSCRIBE.
     */
    private boolean leaveSharedGroups = true;

    private final ErrorHandler errorHandler = new ErrorHandler();

    public boolean isLeaveSharedGroups() {
        return this.leaveSharedGroups;
    }

    public void setLeaveSharedGroups(boolean leaveSharedGroups) {
        this.leaveSharedGroups = leaveSharedGroups;
    }

    public Duration getShutdownTimeout() {
        return this.shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public int getConcurrency() {
        return this.concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public ErrorHandler getErrorHandler() {
        return this.errorHandler;
    }

    /** The default error handler: log, or retry with exponential backoff and then dead-letter. */
    public static class ErrorHandler {

        /** How many times a failing listener is invoked for one publish, the first time included; 1 only logs. */
        private int maxAttempts = 1;

        /** Duration to wait before the first retry. */
        private Duration initialInterval = Duration.ofSeconds(1);

        /** Factor applied to the interval after each retry. */
        private double multiplier = 2.0;

        /** Longest duration to wait between retries. */
        private Duration maxInterval = Duration.ofSeconds(30);

        /** Topic to publish a publish to when retries are exhausted; "{topic}" is replaced by its topic. Not set: log only. */
        private String deadLetterTopic;

        public int getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialInterval() {
            return this.initialInterval;
        }

        public void setInitialInterval(Duration initialInterval) {
            this.initialInterval = initialInterval;
        }

        public double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxInterval() {
            return this.maxInterval;
        }

        public void setMaxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
        }

        public String getDeadLetterTopic() {
            return this.deadLetterTopic;
        }

        public void setDeadLetterTopic(String deadLetterTopic) {
            this.deadLetterTopic = deadLetterTopic;
        }
    }
}
