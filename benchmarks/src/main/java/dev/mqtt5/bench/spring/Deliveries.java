package dev.mqtt5.bench.spring;

/**
 * Where every contender's listener (the {@code @Mqtt5Listener} method, the Spring Integration
 * handler, the bare client's subscription handler) hands the converted record: it takes the time
 * at entry and passes it on to what the current cell measures. A probe record (negative sequence
 * number) only marks the subscription as working.
 */
public final class Deliveries {

    /** What a cell does with a delivery. */
    public interface Handler {
        void delivered(long seq, long nanoTime);
    }

    private volatile Handler handler = (seq, nanos) -> { };
    private volatile boolean probed;

    /** Called by the listener, first thing. */
    public void accept(Telemetry telemetry) {
        long now = System.nanoTime();
        if (telemetry.seq() < 0) {
            probed = true;
            return;
        }
        handler.delivered(telemetry.seq(), now);
    }

    public void handler(Handler handler) {
        this.handler = handler;
    }

    public boolean probed() {
        return probed;
    }
}
