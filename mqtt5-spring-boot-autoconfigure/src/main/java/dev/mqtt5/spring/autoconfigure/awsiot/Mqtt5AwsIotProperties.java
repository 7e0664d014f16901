package dev.mqtt5.spring.autoconfigure.awsiot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The AWS IoT services over the application's MQTT connection ({@code aws.iot.mqtt5.iot.*}):
 * Device Shadow, Jobs and Fleet Provisioning.
 */
@ConfigurationProperties("aws.iot.mqtt5.iot")
public class Mqtt5AwsIotProperties {

    /**
     * Name of the application's thing, whose shadows and jobs the handlers and the injected
     * clients act on. Defaults to the MQTT client id.
     */
    private String thingName;

    /**
     * Named shadows of the thing the application uses, offered by the AwsIotShadows bean.
     */
    private List<String> shadowNames = new ArrayList<>();

    /**
     * Duration a service request may take, from submission (waiting for a subscription included)
     * to the reply; also how long a running handler may finish at shutdown.
     */
    private Duration operationTimeout = Duration.ofSeconds(60);

    /**
     * Maximum number of subscriptions to response topics that requests in progress may hold at
     * once. With max-streaming-subscriptions, at most 50 (AWS IoT Core's limit per connection,
     * the application's own subscriptions included).
     */
    private int maxRequestResponseSubscriptions = 4;

    /**
     * Maximum number of subscriptions that streams (shadow deltas, job notifications) may hold.
     */
    private int maxStreamingSubscriptions = 10;

    /**
     * Whether service replies also reach the application's client-wide publish listener.
     */
    private boolean deliverToClientListener;

    public String getThingName() {
        return this.thingName;
    }

    public void setThingName(String thingName) {
        this.thingName = thingName;
    }

    public List<String> getShadowNames() {
        return this.shadowNames;
    }

    public void setShadowNames(List<String> shadowNames) {
        this.shadowNames = shadowNames;
    }

    public Duration getOperationTimeout() {
        return this.operationTimeout;
    }

    public void setOperationTimeout(Duration operationTimeout) {
        this.operationTimeout = operationTimeout;
    }

    public int getMaxRequestResponseSubscriptions() {
        return this.maxRequestResponseSubscriptions;
    }

    public void setMaxRequestResponseSubscriptions(int maxRequestResponseSubscriptions) {
        this.maxRequestResponseSubscriptions = maxRequestResponseSubscriptions;
    }

    public int getMaxStreamingSubscriptions() {
        return this.maxStreamingSubscriptions;
    }

    public void setMaxStreamingSubscriptions(int maxStreamingSubscriptions) {
        this.maxStreamingSubscriptions = maxStreamingSubscriptions;
    }

    public boolean isDeliverToClientListener() {
        return this.deliverToClientListener;
    }

    public void setDeliverToClientListener(boolean deliverToClientListener) {
        this.deliverToClientListener = deliverToClientListener;
    }
}
