package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.exception.MqttConnectionException;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a connection alive: sends PINGREQ when nothing was written for the keep-alive interval
 * (MQTT-3.1.2-20), and closes the connection when PINGRESP does not come within the ping timeout,
 * capped at half the keep-alive. One per client; restarted on each connection. Event loop only.
 *
 * <p>It is itself the task of its idle timer, and reads its settings from the engine when it
 * needs them: an idle client holds nothing for it but this object and the timer.
 */
final class KeepAlive implements Runnable {

    private final ClientEngine engine;
    private final OperationQueue operations;

    private long keepAliveNanos;
    private long connectedAtNanos;
    private boolean pingOutstanding;
    /** Changes on every start and stop, so that timers of an older connection do nothing. */
    private int epoch;
    /** The epoch the idle timer was scheduled in. */
    private int idleTimerEpoch;
    private ScheduledFuture<?> idleTimer;
    private ScheduledFuture<?> pingTimer;

    KeepAlive(ClientEngine engine, OperationQueue operations) {
        this.engine = engine;
        this.operations = operations;
    }

    /** Starts for a new connection with the keep-alive in force (0 disables it). */
    void start(Duration keepAlive, long connectedAtNanos) {
        stop();
        this.keepAliveNanos = keepAlive.toNanos();
        this.connectedAtNanos = connectedAtNanos;
        schedule();
    }

    /** The server answered the ping. */
    void pingResponse() {
        pingOutstanding = false;
        pingTimer = Timers.cancel(pingTimer);
    }

    /** The connection ended. */
    void stop() {
        epoch++;
        pingOutstanding = false;
        idleTimer = Timers.cancel(idleTimer);
        pingTimer = Timers.cancel(pingTimer);
    }

    private void schedule() {
        if (keepAliveNanos <= 0) {
            return;
        }
        idleTimerEpoch = epoch;
        long due = lastActivity() + keepAliveNanos - System.nanoTime();
        idleTimer = engine.eventLoop().schedule(this, Math.max(0, due), TimeUnit.NANOSECONDS);
    }

    private long lastActivity() {
        return Math.max(operations.lastWriteNanos(), connectedAtNanos);
    }

    /** The idle timer: pings if nothing was written for the keep-alive interval. */
    @Override
    public void run() {
        int current = idleTimerEpoch;
        if (current != epoch) {
            return;
        }
        if (System.nanoTime() - lastActivity() >= keepAliveNanos && !pingOutstanding) {
            pingOutstanding = true;
            operations.sendControl(PacketEncoders.PINGREQ, 0);
            long timeout = Math.min(engine.options().pingTimeout().toNanos(), keepAliveNanos / 2);
            pingTimer = engine.eventLoop().schedule(() -> {
                if (current == epoch && pingOutstanding) {
                    Mqtt5ClientOptions options = engine.options();
                    engine.closeWith(new MqttConnectionException("no PINGRESP from " + options.hostName() + ":"
                            + options.port() + " within " + TimeUnit.NANOSECONDS.toMillis(timeout)
                            + " ms (pingTimeout, capped at half the keep-alive)"));
                }
            }, timeout, TimeUnit.NANOSECONDS);
        }
        schedule();
    }
}
