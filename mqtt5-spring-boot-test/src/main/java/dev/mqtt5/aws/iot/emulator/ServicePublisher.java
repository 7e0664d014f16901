package dev.mqtt5.aws.iot.emulator;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.exception.ClientStoppedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** Publishes the services' responses and notifications through the emulator's client. */
final class ServicePublisher {

    private static final Logger logger = LoggerFactory.getLogger(AwsIotEmulator.class);

    private final Mqtt5Client client;

    ServicePublisher(Mqtt5Client client) {
        this.client = client;
    }

    void publish(String topic, JsonNode payload, QoS qos) {
        PublishPacket publish = PublishPacket.builder().topic(topic).payload(Json.bytes(payload)).qos(qos).build();
        this.client.publish(publish).whenComplete((result, failure) -> {
            if (failure instanceof ClientStoppedException
                    || (failure != null && failure.getCause() instanceof ClientStoppedException)) {
                logger.debug("AWS IoT emulator stopped before it published to {}", topic);
            } else if (failure != null) {
                logger.warn("AWS IoT emulator could not publish to {}: {}", topic, failure.toString());
            }
        });
    }
}
