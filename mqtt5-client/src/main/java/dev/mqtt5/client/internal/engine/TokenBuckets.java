package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.config.FlowControlOptions;

/**
 * The two token buckets of client-side flow control: publishes per second and bytes per second.
 * Both hold at most one second's worth, start empty on every connection, and refill continuously.
 * Event loop only.
 */
final class TokenBuckets {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double publishRate;
    private final double byteRate;
    private double publishTokens;
    private double byteTokens;
    private long lastRefill;

    TokenBuckets(FlowControlOptions options) {
        this.publishRate = options.publishesPerSecond();
        this.byteRate = options.bytesPerSecond();
    }

    /** A new connection: both buckets empty. */
    void reset(long nowNanos) {
        publishTokens = 0;
        byteTokens = 0;
        lastRefill = nowNanos;
    }

    /**
     * Takes the tokens for one operation if both buckets have them.
     *
     * @return 0 when taken, else how many nanoseconds until they will be there
     */
    long tryAcquire(boolean publish, int bytes, long nowNanos) {
        double elapsed = (nowNanos - lastRefill) / NANOS_PER_SECOND;
        lastRefill = nowNanos;
        publishTokens = Math.min(publishRate, publishTokens + elapsed * publishRate);
        byteTokens = Math.min(byteRate, byteTokens + elapsed * byteRate);
        // A packet larger than a second's worth of bytes goes when the bucket is full.
        double bytesNeeded = Math.min(bytes, byteRate);
        double publishesNeeded = publish ? 1 : 0;
        if (publishTokens >= publishesNeeded && byteTokens >= bytesNeeded) {
            publishTokens -= publishesNeeded;
            byteTokens -= bytesNeeded;
            return 0;
        }
        double wait = Math.max((publishesNeeded - publishTokens) / publishRate, (bytesNeeded - byteTokens) / byteRate);
        return Math.max(1, (long) Math.ceil(wait * NANOS_PER_SECOND));
    }
}
