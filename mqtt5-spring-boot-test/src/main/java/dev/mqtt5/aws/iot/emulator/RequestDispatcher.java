package dev.mqtt5.aws.iot.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.mqtt5.client.packet.PublishPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the publishes the emulator receives: records them, throttles past the in-flight limit,
 * and hands each to its service on the emulator thread after the service latency.
 */
final class RequestDispatcher {

    private static final Logger logger = LoggerFactory.getLogger(AwsIotEmulator.class);

    private final List<ServiceRoute> routes;

    private final ScheduledExecutorService worker;

    private final Duration latency;

    private final InFlightRequests inFlight;

    private final Clock clock;

    private final List<RecordedRequest> recorded = Collections.synchronizedList(new ArrayList<>());

    private final AtomicBoolean failNext = new AtomicBoolean();

    RequestDispatcher(List<ServiceRoute> routes, ScheduledExecutorService worker, Duration latency, int maxInFlight,
            Clock clock) {
        this.routes = routes;
        this.worker = worker;
        this.latency = latency;
        this.inFlight = new InFlightRequests(maxInFlight);
        this.clock = clock;
    }

    List<String> filters() {
        List<String> filters = new ArrayList<>();
        this.routes.forEach((route) -> filters.addAll(route.filters()));
        return filters;
    }

    List<RecordedRequest> recorded() {
        synchronized (this.recorded) {
            return List.copyOf(this.recorded);
        }
    }

    void clearRecorded() {
        this.recorded.clear();
    }

    void failNext() {
        this.failNext.set(true);
    }

    void dispatch(PublishPacket publish) {
        this.recorded.add(new RecordedRequest(publish.topic(), publish.payload(), this.clock.instant()));
        ServiceRequest request = new ServiceRequest(publish.topic(), publish.payload(), publish.qos());
        for (ServiceRoute route : this.routes) {
            String key = route.throttleKey().apply(publish.topic());
            if (key != null) {
                dispatch(route, key, request);
                return;
            }
        }
    }

    private void dispatch(ServiceRoute route, String key, ServiceRequest request) {
        if (!this.inFlight.tryAcquire(key)) {
            route.throttled().accept(request);
            return;
        }
        Runnable handle = () -> {
            try {
                if (this.failNext.compareAndSet(true, false)) {
                    route.failed().accept(request);
                } else {
                    route.handle().accept(request);
                }
            } catch (RuntimeException ex) {
                logger.warn("AWS IoT emulator failed on a request to {}: {}", request.topic(), ex.toString());
                route.failed().accept(request);
            } finally {
                this.inFlight.release(key);
            }
        };
        if (this.latency.isZero()) {
            this.worker.execute(handle);
        } else {
            this.worker.schedule(handle, this.latency.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
