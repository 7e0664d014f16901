package dev.mqtt5.spring.autoconfigure.awsiot;

import java.util.Map;

import dev.mqtt5.spring.aws.iot.AwsIotHandlerRegistry;
import dev.mqtt5.spring.aws.iot.ShadowSyncState;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code awsIot} health entry: the thing name, the sync state of each shadow that has a
 * {@code @ShadowDeltaHandler} and the jobs the {@code @JobHandler} methods completed. UP, or
 * OUT_OF_SERVICE while a shadow is out of sync (its last delta failed); the connection itself is
 * the {@code mqtt5} entry's.
 */
final class AwsIotHealthIndicator extends AbstractHealthIndicator {

    private final AwsIotHandlerRegistry registry;

    private final AwsIotThing thing;

    AwsIotHealthIndicator(AwsIotHandlerRegistry registry, AwsIotThing thing) {
        super("AWS IoT health check failed");
        this.registry = registry;
        this.thing = thing;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, ShadowSyncState> shadows = this.registry.shadowStates();
        if (shadows.containsValue(ShadowSyncState.OUT_OF_SYNC)) {
            builder.outOfService();
        }
        else {
            builder.up();
        }
        if (this.thing.isKnown()) {
            builder.withDetail("thingName", this.thing.name());
        }
        if (!shadows.isEmpty()) {
            builder.withDetail("shadows", shadows);
        }
        Map<String, Long> jobs = this.registry.jobCounts();
        if (!jobs.isEmpty()) {
            builder.withDetail("jobs", jobs);
        }
    }
}
