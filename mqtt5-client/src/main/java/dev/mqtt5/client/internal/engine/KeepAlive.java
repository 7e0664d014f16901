package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.exception.MqttConnectionException;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a connection alive: sends PINGREQ when nothing was written for the keep-alive interval
 * (MQTT-3.1.2-20), and closes the connection when PINGRESP does not come within the ping timeout,
 * capped at half the keep-alive. One per client; restarted on each connection. Event loop only.
 */
final class KeepAlive {

    private final EventLoop loop;
    private final OperationQueue operations;
    private final Duration pingTimeout;
    private final String server;
    private final Consumer<Throwable> close;

    private long keepAliveNanos;
    private long connectedAtNanos;
    private boolean pingOutstanding;
    /** Changes on every start and stop, so that timers of an older connection do nothing. */
    private int epoch;
    private ScheduledFuture<?> idleTimer;
    private ScheduledFuture<?> pingTimer;

    KeepAlive(EventLoop loop, OperationQueue operations, Duration pingTimeout, String server, Consumer<Throwable> close) {
        this.loop = loop;
        this.operations = operations;
        this.pingTimeout = pingTimeout;
        this.server = server;
        this.close = close;
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
        int current = epoch;
        long due = lastActivity() + keepAliveNanos - System.nanoTime();
        idleTimer = loop.schedule(() -> due(current), Math.max(0, due), TimeUnit.NANOSECONDS);
    }

    private long lastActivity() {
        return Math.max(operations.lastWriteNanos(), connectedAtNanos);
    }

    private void due(int current) {
        if (current != epoch) {
            return;
        }
        if (System.nanoTime() - lastActivity() >= keepAliveNanos && !pingOutstanding) {
            pingOutstanding = true;
            operations.sendControl(PacketEncoders.PINGREQ, 0);
            long timeout = Math.min(pingTimeout.toNanos(), keepAliveNanos / 2);
            pingTimer = loop.schedule(() -> {
                if (current == epoch && pingOutstanding) {
                    close.accept(new MqttConnectionException("no PINGRESP from " + server + " within "
                            + TimeUnit.NANOSECONDS.toMillis(timeout) + " ms (pingTimeout, capped at half the keep-alive)"));
                }
            }, timeout, TimeUnit.NANOSECONDS);
        }
        schedule();
    }
}
