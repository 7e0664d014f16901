package dev.mqtt5.aws.iot.emulator;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the requests in flight (received, not yet answered) per thing, to throttle as the
 * Device Shadow service does past 10 in-flight requests. AWS counts per connection; a service
 * client on a generic broker cannot tell which connection published a request, so this counts
 * per thing name, which is the same for a device that talks for one thing.
 */
final class InFlightRequests {

    private final int limit;

    private final Map<String, Integer> counts = new HashMap<>();

    InFlightRequests(int limit) {
        this.limit = limit;
    }

    /** Takes a slot for {@code key}; false when the limit is reached (the request is throttled). */
    synchronized boolean tryAcquire(String key) {
        int count = this.counts.getOrDefault(key, 0);
        if (count >= this.limit) {
            return false;
        }
        this.counts.put(key, count + 1);
        return true;
    }

    synchronized void release(String key) {
        this.counts.computeIfPresent(key, (k, count) -> (count > 1) ? count - 1 : null);
    }
}
