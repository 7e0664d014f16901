package dev.mqtt5.aws.iot.emulator;

import dev.mqtt5.client.packet.QoS;

/**
 * A request as a service handler sees it.
 *
 * @param topic the request topic
 * @param payload the raw payload
 * @param qos the QoS the request came with; responses use it, capped at 1 as AWS IoT Core has no QoS 2
 */
record ServiceRequest(String topic, byte[] payload, QoS qos) {

    QoS responseQos() {
        return (qos == QoS.EXACTLY_ONCE) ? QoS.AT_LEAST_ONCE : qos;
    }

    String accepted() {
        return topic + "/accepted";
    }

    String rejected() {
        return topic + "/rejected";
    }
}
