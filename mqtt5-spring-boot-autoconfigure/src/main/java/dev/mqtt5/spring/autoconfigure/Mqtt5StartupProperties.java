package dev.mqtt5.spring.autoconfigure;

import java.time.Duration;

/**
 * Startup behaviour ({@code aws.iot.mqtt5.startup}).
 */
public class Mqtt5StartupProperties {

    /**
     * Whether startup waits for the first CONNACK and fails when the broker refuses the
     * connection.
     */
    private boolean waitForConnection;

    /**
     * Time startup waits for the first connection when wait-for-connection is set.
     */
    private Duration timeout = Duration.ofSeconds(30);

    public boolean isWaitForConnection() {
        return this.waitForConnection;
    }

    public void setWaitForConnection(boolean waitForConnection) {
        this.waitForConnection = waitForConnection;
    }

    public Duration getTimeout() {
        return this.timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
