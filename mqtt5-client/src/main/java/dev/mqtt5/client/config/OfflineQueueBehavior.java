package dev.mqtt5.client.config;

/**
 * What happens to operations that are not complete when a connection ends, and to operations
 * submitted while there is no connection (those are rejected at once when the behaviour would
 * fail them).
 *
 * <table>
 * <caption>Which operations fail</caption>
 * <tr><th>behaviour</th><th>QoS 0 publish</th><th>QoS 1/2 publish</th><th>subscribe / unsubscribe</th></tr>
 * <tr><td>FAIL_NON_QOS1_PUBLISH_ON_DISCONNECT</td><td>fail</td><td>keep</td><td>fail</td></tr>
 * <tr><td>FAIL_QOS0_PUBLISH_ON_DISCONNECT</td><td>fail</td><td>keep</td><td>keep</td></tr>
 * <tr><td>FAIL_ALL_ON_DISCONNECT</td><td>fail</td><td>fail</td><td>fail</td></tr>
 * </table>
 */
public enum OfflineQueueBehavior {
    /** Keep only QoS 1 and QoS 2 publishes; fail everything else. */
    FAIL_NON_QOS1_PUBLISH_ON_DISCONNECT,
    /** Fail QoS 0 publishes; keep everything else. The default. */
    FAIL_QOS0_PUBLISH_ON_DISCONNECT,
    /** Fail every incomplete operation. */
    FAIL_ALL_ON_DISCONNECT;

    /** Whether an operation of this kind is kept across a disconnection under this behaviour. */
    public boolean keeps(boolean isPublish, int qos) {
        return switch (this) {
            case FAIL_ALL_ON_DISCONNECT -> false;
            case FAIL_QOS0_PUBLISH_ON_DISCONNECT -> !isPublish || qos > 0;
            case FAIL_NON_QOS1_PUBLISH_ON_DISCONNECT -> isPublish && qos > 0;
        };
    }
}
