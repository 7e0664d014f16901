package dev.mqtt5.sample;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/** What the service knows about the fleet: the latest telemetry of each device, and command outcomes. */
@Component
public class FleetState {

    private final Map<String, Messages.Telemetry> latest = new ConcurrentHashMap<>();

    private final AtomicLong telemetryReceived = new AtomicLong();

    private final AtomicLong commandsAnswered = new AtomicLong();

    private final AtomicLong commandsFailed = new AtomicLong();

    void recordTelemetry(String deviceId, Messages.Telemetry telemetry) {
        this.latest.put(deviceId, telemetry);
        this.telemetryReceived.incrementAndGet();
    }

    void recordAnswer(boolean answered) {
        (answered ? this.commandsAnswered : this.commandsFailed).incrementAndGet();
    }

    /** The devices that have reported, with their latest telemetry. */
    public Map<String, Messages.Telemetry> latest() {
        return Map.copyOf(this.latest);
    }

    /** How many telemetry messages have been received. */
    public long telemetryReceived() {
        return this.telemetryReceived.get();
    }

    /** How many commands a device has answered. */
    public long commandsAnswered() {
        return this.commandsAnswered.get();
    }

    /** How many commands got no answer in time. */
    public long commandsFailed() {
        return this.commandsFailed.get();
    }
}
