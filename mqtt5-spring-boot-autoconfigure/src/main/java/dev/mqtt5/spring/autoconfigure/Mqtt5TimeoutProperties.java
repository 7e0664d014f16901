package dev.mqtt5.spring.autoconfigure;

import java.time.Duration;

/**
 * Timeouts ({@code aws.iot.mqtt5.timeouts}).
 */
public class Mqtt5TimeoutProperties {

    /**
     * Time allowed to open the socket.
     */
    private Duration connect = Duration.ofSeconds(10);

    /**
     * Time allowed for the broker's CONNACK after CONNECT.
     */
    private Duration connack = Duration.ofSeconds(20);

    /**
     * Time allowed for the broker's PINGRESP; the connection is closed after it.
     */
    private Duration ping = Duration.ofSeconds(30);

    /**
     * Time the broker may take to acknowledge a publish, subscribe or unsubscribe once
     * written.
     */
    private Duration ack = Duration.ofSeconds(60);

    public Duration getConnect() {
        return this.connect;
    }

    public void setConnect(Duration connect) {
        this.connect = connect;
    }

    public Duration getConnack() {
        return this.connack;
    }

    public void setConnack(Duration connack) {
        this.connack = connack;
    }

    public Duration getPing() {
        return this.ping;
    }

    public void setPing(Duration ping) {
        this.ping = ping;
    }

    public Duration getAck() {
        return this.ack;
    }

    public void setAck(Duration ack) {
        this.ack = ack;
    }
}
