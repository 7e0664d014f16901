package dev.mqtt5.client.config;

import java.time.Duration;
import java.util.Objects;

/**
 * When the client tries again after a connection attempt fails or a connection ends. The client
 * reconnects until {@code stop()}, including when the very first attempt fails. Delays grow
 * exponentially from {@link #minDelay()} to {@link #maxDelay()}, shaped by the {@link #jitterMode()},
 * and start again from the minimum once a connection has stayed up for {@link #resetAfter()}.
 */
public final class ReconnectOptions {

    private static final ReconnectOptions DEFAULTS = builder().build();

    private final Duration minDelay;
    private final Duration maxDelay;
    private final JitterMode jitterMode;
    private final Duration resetAfter;

    private ReconnectOptions(Builder b) {
        this.minDelay = b.minDelay;
        this.maxDelay = b.maxDelay;
        this.jitterMode = b.jitterMode;
        this.resetAfter = b.resetAfter;
    }

    /** The defaults: 1 s to 120 s, full jitter, reset after 30 s connected. */
    public static ReconnectOptions defaults() {
        return DEFAULTS;
    }

    /** Returns a new builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The delay before the first reconnect attempt (default 1 s). */
    public Duration minDelay() {
        return minDelay;
    }

    /** The longest delay between attempts (default 120 s). */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** How the delay is randomised (default {@link JitterMode#FULL}). */
    public JitterMode jitterMode() {
        return jitterMode;
    }

    /** How long a connection must stay up for the delay to start again from the minimum (default 30 s). */
    public Duration resetAfter() {
        return resetAfter;
    }

    @Override
    public String toString() {
        return "ReconnectOptions[minDelay=" + minDelay + ", maxDelay=" + maxDelay + ", jitterMode=" + jitterMode
                + ", resetAfter=" + resetAfter + "]";
    }

    /** Builds {@link ReconnectOptions}. */
    public static final class Builder {
        private Duration minDelay = Duration.ofSeconds(1);
        private Duration maxDelay = Duration.ofSeconds(120);
        private JitterMode jitterMode = JitterMode.FULL;
        private Duration resetAfter = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The delay before the first reconnect attempt; positive. */
        public Builder minDelay(Duration minDelay) {
            this.minDelay = positive("reconnect minDelay", minDelay);
            return this;
        }

        /** The longest delay; at least the minimum delay. */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = positive("reconnect maxDelay", maxDelay);
            return this;
        }

        /** How the delay is randomised. */
        public Builder jitterMode(JitterMode jitterMode) {
            this.jitterMode = Objects.requireNonNull(jitterMode, "reconnect jitterMode must not be null");
            return this;
        }

        /** How long a connection must stay up for the backoff to reset; not negative. */
        public Builder resetAfter(Duration resetAfter) {
            Objects.requireNonNull(resetAfter, "reconnect resetAfter must not be null");
            if (resetAfter.isNegative()) {
                throw new IllegalArgumentException("reconnect resetAfter must not be negative, was " + resetAfter);
            }
            this.resetAfter = resetAfter;
            return this;
        }

        /**
         * Builds the options.
         *
         * @throws IllegalArgumentException when the maximum delay is below the minimum
         */
        public ReconnectOptions build() {
            if (maxDelay.compareTo(minDelay) < 0) {
                throw new IllegalArgumentException("reconnect maxDelay (" + maxDelay
                        + ") must not be less than minDelay (" + minDelay + ")");
            }
            return new ReconnectOptions(this);
        }

        private static Duration positive(String field, Duration value) {
            Objects.requireNonNull(value, field + " must not be null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(field + " must be positive, was " + value);
            }
            return value;
        }
    }
}
