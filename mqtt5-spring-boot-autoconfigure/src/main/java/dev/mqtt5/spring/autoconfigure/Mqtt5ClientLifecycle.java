package dev.mqtt5.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.exception.ConnectionRefusedException;
import dev.mqtt5.spring.listener.ShutdownThread;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the auto-configured client with the application context and stops it on shutdown. On
 * stop it waits (up to {@code aws.iot.mqtt5.shutdown-timeout}) for in-flight operations to
 * complete while connected, then sends DISCONNECT; the wait runs on its own thread so that it
 * counts against {@code spring.lifecycle.timeout-per-shutdown-phase} like other asynchronous stops.
 */
public final class Mqtt5ClientLifecycle implements SmartLifecycle {

    /**
     * The phase: before other smart lifecycles start (listener containers, web server) and after
     * they have stopped.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Log logger = LogFactory.getLog(Mqtt5ClientLifecycle.class);

    private static final long DRAIN_POLL_MILLIS = 20;

    private final Mqtt5Client client;

    private final Mqtt5ConnectionTracker tracker;

    private final Mqtt5Properties properties;

    private volatile boolean running;

    Mqtt5ClientLifecycle(Mqtt5Client client, Mqtt5ConnectionTracker tracker, Mqtt5Properties properties) {
        this.client = client;
        this.tracker = tracker;
        this.properties = properties;
    }

    @Override
    public void start() {
        this.client.start();
        this.running = true;
        if (this.properties.getStartup().isWaitForConnection() && this.tracker.isTracking(this.client)) {
            awaitFirstConnection(this.properties.getStartup().getTimeout());
        }
    }

    private void awaitFirstConnection(Duration timeout) {
        String endpoint = this.client.options().hostName() + ":" + this.client.options().port();
        try {
            this.tracker.firstConnection().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException ex) {
            this.client.stop();
            if (ex.getCause() instanceof ConnectionRefusedException refused) {
                throw new Mqtt5ConnectionRefusedException(endpoint, refused);
            }
            throw new IllegalStateException("the MQTT client could not connect to " + endpoint, ex.getCause());
        } catch (TimeoutException ex) {
            this.client.stop();
            Mqtt5ConnectionTracker.Failure failure = this.tracker.getLastFailure();
            throw new Mqtt5StartupConnectionException("the MQTT client did not connect to " + endpoint + " within "
                    + timeout + " (aws.iot.mqtt5.startup.timeout)"
                    + ((failure != null) ? "; last failure: " + failure.describe() : ""), endpoint, timeout,
                    (failure != null) ? failure.cause() : null);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the MQTT connection", ex);
        }
    }

    @Override
    public void stop() {
        drainInFlight();
        this.client.stop().join();
        this.running = false;
    }

    @Override
    public void stop(Runnable callback) {
        ShutdownThread.start("mqtt5-shutdown", () -> {
            try {
                stop();
            } finally {
                this.running = false;
            }
        }, callback, logger, "Stopping the MQTT client failed");
    }

    private void drainInFlight() {
        long deadline = System.nanoTime() + this.properties.getShutdownTimeout().toNanos();
        while (this.client.state() == ClientState.CONNECTED
                && this.client.operationStatistics().incompleteOperationCount() > 0
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(DRAIN_POLL_MILLIS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        long left = this.client.operationStatistics().incompleteOperationCount();
        if (left > 0) {
            logger.warn("Stopping the MQTT client with " + left + " incomplete operation(s); they fail with "
                    + "ClientStoppedException (aws.iot.mqtt5.shutdown-timeout=" + this.properties.getShutdownTimeout() + ")");
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public boolean isAutoStartup() {
        return this.properties.isAutoStartup();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
