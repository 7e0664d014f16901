package dev.mqtt5.spring.aws.iot;

import java.util.Locale;

import dev.mqtt5.aws.iot.rr.RequestObserver;
import dev.mqtt5.aws.iot.rr.RequestOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times the AWS IoT service requests in a {@link Timer} named {@value #METER}, tagged with the
 * {@code service} (shadow, jobs, provisioning), the {@code operation} (get, update, start-next,
 * register-thing, ...) and the {@code outcome} (accepted, rejected, timed_out, failed): its count
 * is the number of requests, its percentiles their latency from submission to reply.
 */
public final class AwsIotRequestMetrics implements RequestObserver {

    /** The timer's name. */
    public static final String METER = "mqtt5.aws.iot.requests";

    private final MeterRegistry registry;

    public AwsIotRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void requestFinished(RequestOutcome outcome) {
        Timer.builder(METER)
            .description("AWS IoT service requests over MQTT, by service, operation and outcome")
            .tag("service", outcome.service())
            .tag("operation", outcome.operation())
            .tag("outcome", outcome.result().name().toLowerCase(Locale.ROOT))
            .register(this.registry)
            .record(outcome.latency());
    }
}
