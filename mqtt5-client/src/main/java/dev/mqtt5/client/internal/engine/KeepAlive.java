package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.exception.MqttConnectionException;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a connection alive: sends PINGREQ when nothing was written for the keep-alive interval
 * (MQTT-3.1.2-20), and closes the connection when PINGRESP does not come within the ping timeout,
 * capped at half the keep-alive. One per client; restarted on each connection. Event loop only.
 *
 * <p>Its deadline waits in the {@link KeepAliveWheel} of the client's event loop, which serves
 * all clients there with one timer; it reads its settings from the engine when the deadline
 * passes. An idle client holds nothing for it but this small object.
 */
final class KeepAlive {

    private final ClientEngine engine;
    /**
     * The next deadline ({@link System#nanoTime()}), kept by the wheel: the end of the keep-alive
     * interval since the last write, or the PINGRESP deadline while a ping is outstanding.
     */
    long due;
    /** The position in the wheel; -1 while not armed (keep-alive 0, or no connection). */
    int wheelIndex = -1;
    private boolean pingOutstanding;

    KeepAlive(ClientEngine engine) {
        this.engine = engine;
    }

    /** Starts for a new connection with the keep-alive in force (0 disables it). */
    void start(Duration keepAlive, long connectedAtNanos) {
        stop();
        if (keepAlive.toNanos() > 0) {
            wheel().schedule(this, connectedAtNanos + keepAlive.toNanos());
        }
    }

    /** The server answered the ping. */
    void pingResponse() {
        if (pingOutstanding) {
            pingOutstanding = false;
            wheel().schedule(this, lastActivity() + keepAliveNanos());
        }
    }

    /** The connection ended. */
    void stop() {
        pingOutstanding = false;
        if (wheelIndex >= 0) {
            wheel().cancel(this);
        }
    }

    /** The deadline passed (the wheel has disarmed it): ping if idle, close if the ping went unanswered. */
    void expired(KeepAliveWheel wheel, long now) {
        long keepAliveNanos = keepAliveNanos();
        long timeout = Math.min(engine.options().pingTimeout().toNanos(), keepAliveNanos / 2);
        if (pingOutstanding) {
            Mqtt5ClientOptions options = engine.options();
            engine.closeWith(new MqttConnectionException("no PINGRESP from " + options.hostName() + ":"
                    + options.port() + " within " + TimeUnit.NANOSECONDS.toMillis(timeout)
                    + " ms (pingTimeout, capped at half the keep-alive)"));
            return;
        }
        long idleSince = lastActivity();
        if (now - idleSince < keepAliveNanos) {
            wheel.schedule(this, idleSince + keepAliveNanos);
            return;
        }
        pingOutstanding = true;
        engine.operations().sendControl(PacketEncoders.PINGREQ, 0);
        wheel.schedule(this, now + timeout);
    }

    /** Checking the deadline threw: without a keep-alive the connection cannot be trusted, so it closes. */
    void failed(RuntimeException cause) {
        pingOutstanding = false;
        engine.closeWith(new MqttConnectionException("the keep-alive failed: " + cause, cause));
    }

    private long keepAliveNanos() {
        return engine.negotiatedSettings().serverKeepAlive().toNanos();
    }

    private long lastActivity() {
        return Math.max(engine.operations().lastWriteNanos(), engine.connectedAtNanos());
    }

    private KeepAliveWheel wheel() {
        return KeepAliveWheel.of(engine.eventLoop());
    }
}
