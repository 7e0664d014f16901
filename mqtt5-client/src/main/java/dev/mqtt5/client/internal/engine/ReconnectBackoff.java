package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.config.ReconnectOptions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongBinaryOperator;

/**
 * Computes the delay before each reconnect attempt: exponential from the minimum to the maximum,
 * shaped by the jitter mode, and reset to the minimum after a connection that lasted long enough.
 */
final class ReconnectBackoff {

    private final ReconnectOptions options;
    /** Returns a uniformly random value in [from, to]; replaceable in tests. */
    private final LongBinaryOperator random;
    private int failures;
    private long previousMillis;
    /** The next attempt follows a connection the client ended on purpose: it waits for nothing. */
    private boolean immediate;

    ReconnectBackoff(ReconnectOptions options) {
        this(options, (from, to) -> from >= to ? from : ThreadLocalRandom.current().nextLong(from, to + 1));
    }

    ReconnectBackoff(ReconnectOptions options, LongBinaryOperator random) {
        this.options = options;
        this.random = random;
        this.previousMillis = options.minDelay().toMillis();
    }

    /** The delay before the next attempt, in milliseconds; each call counts one more failure. */
    long nextDelayMillis() {
        if (immediate) {
            immediate = false;
            return 0;
        }
        // Read from the options on each call rather than kept in fields: a client holds this object for life.
        long minMillis = options.minDelay().toMillis();
        long maxMillis = options.maxDelay().toMillis();
        long exponential = failures >= 62 ? maxMillis : Math.min(maxMillis, minMillis << Math.min(failures, 30));
        if (exponential < 0) {
            exponential = maxMillis;
        }
        failures++;
        long delay = switch (options.jitterMode()) {
            case NONE -> exponential;
            case FULL -> random.applyAsLong(0, exponential);
            case DECORRELATED -> Math.min(maxMillis, random.applyAsLong(minMillis, Math.max(minMillis, previousMillis * 3)));
        };
        previousMillis = Math.max(delay, minMillis);
        return delay;
    }

    /** Called when a connection ends: the backoff starts again if it stayed up for at least resetAfter. */
    void connectionEnded(long connectedMillis) {
        if (connectedMillis >= options.resetAfter().toMillis()) {
            failures = 0;
            previousMillis = options.minDelay().toMillis();
        }
    }

    /** The next attempt starts at once, counting no failure: the client ends its connection to reconnect. */
    void skipNextDelay() {
        immediate = true;
    }

    /** Starts again from the minimum delay. */
    void reset() {
        failures = 0;
        previousMillis = options.minDelay().toMillis();
        immediate = false;
    }
}
