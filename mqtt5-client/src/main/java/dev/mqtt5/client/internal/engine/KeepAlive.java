package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.exception.MqttConnectionException;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a connection alive and finds dead ones: sends PINGREQ when nothing was written for the
 * keep-alive interval (MQTT-3.1.2-20) or nothing was received for it, and closes the connection
 * when nothing at all arrives from the server within the ping timeout (capped at half the
 * keep-alive) after that PINGREQ. A silent server is so found within keep-alive + ping timeout
 * whatever the traffic: idle, publishing only (the PINGREQs a publishing client would never need
 * are what tells a dead link from a quiet one), or receiving only. Any bytes received count as
 * a sign of life, so a large publish arriving slowly does not end the connection. One per client;
 * restarted on each connection. Event loop only.
 *
 * <p>Its deadline waits in the {@link KeepAliveWheel} of the client's event loop, which serves
 * all clients there with one timer; it reads its settings from the engine when the deadline
 * passes. An idle client holds nothing for it but this small object.
 */
final class KeepAlive {

    private final ClientEngine engine;
    /**
     * The next deadline ({@link System#nanoTime()}), kept by the wheel: the end of the keep-alive
     * interval since the last write or read, whichever is earlier, or the end of the ping timeout
     * while a ping is outstanding (the ping was so sent at {@code due - ping timeout}).
     */
    long due;
    /** When bytes last arrived on this connection ({@link System#nanoTime()}). */
    private long lastReadNanos;
    /** The position in the wheel; -1 while not armed (keep-alive 0, or no connection). */
    int wheelIndex = -1;
    private boolean pingOutstanding;

    KeepAlive(ClientEngine engine) {
        this.engine = engine;
    }

    /** Starts for a new connection with the keep-alive in force (0 disables it). */
    void start(Duration keepAlive, long connectedAtNanos) {
        stop();
        lastReadNanos = connectedAtNanos;
        if (keepAlive.toNanos() > 0) {
            wheel().schedule(this, connectedAtNanos + keepAlive.toNanos());
        }
    }

    /** Bytes arrived from the server: it is alive. Called per read, so it only takes the time. */
    void read() {
        lastReadNanos = System.nanoTime();
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

    /**
     * The deadline passed (the wheel has disarmed it): ping if nothing was written or received for
     * the keep-alive interval; close if nothing was received since the ping was sent.
     */
    void expired(KeepAliveWheel wheel, long now) {
        long keepAliveNanos = keepAliveNanos();
        long timeout = Math.min(engine.options().pingTimeout().toNanos(), keepAliveNanos / 2);
        if (pingOutstanding) {
            if (lastReadNanos - (due - timeout) <= 0) {
                Mqtt5ClientOptions options = engine.options();
                engine.closeWith(new MqttConnectionException("no PINGRESP, nor any other byte, from "
                        + options.hostName() + ":" + options.port() + " within " + TimeUnit.NANOSECONDS.toMillis(timeout)
                        + " ms of a PINGREQ (pingTimeout, capped at half the keep-alive): the connection is dead"));
                return;
            }
            // Bytes arrived since the ping (the PINGRESP waits behind them): the link is alive.
            pingOutstanding = false;
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

    /** The earlier of the last write and the last read on this connection. */
    private long lastActivity() {
        long lastWrite = Math.max(engine.operations().lastWriteNanos(), engine.connectedAtNanos());
        return lastWrite - lastReadNanos < 0 ? lastWrite : lastReadNanos;
    }

    private KeepAliveWheel wheel() {
        return KeepAliveWheel.of(engine.eventLoop());
    }
}
