package dev.mqtt5.aws.iot.rr;

import dev.mqtt5.client.Acknowledgement;
import dev.mqtt5.client.ManualAckPublishListener;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.PublishReceivedListener;
import dev.mqtt5.client.packet.PublishPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * The handler of every service subscription: parses the JSON payload (on the MQTT client's
 * callback executor, not under the coordinator's lock) and hands it to the coordinator; with
 * {@link RequestResponseOptions#deliverToClientListener()}, then to the client's own listener, which
 * acknowledges it if it is a manual-ack one.
 */
final class ServiceReplies implements ManualAckPublishListener {

    private static final Logger log = LoggerFactory.getLogger(ServiceReplies.class);

    private final JsonMapper mapper;
    private final PublishReceivedListener clientListener;
    private final ManualAckPublishListener clientManualListener;
    private volatile RequestCoordinator coordinator;

    ServiceReplies(JsonMapper mapper, Mqtt5ClientOptions clientOptions, boolean deliverToClientListener) {
        this.mapper = mapper;
        this.clientListener = deliverToClientListener ? clientOptions.publishReceivedListener() : null;
        this.clientManualListener = deliverToClientListener ? clientOptions.manualAckPublishListener() : null;
    }

    void coordinator(RequestCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public void onPublishReceived(PublishPacket publish, Acknowledgement ack) {
        boolean handedOver = false;
        try {
            JsonNode body = parse(publish);
            if (body != null) {
                coordinator.received(publish.topic(), body);
            }
            if (clientManualListener != null) {
                handedOver = true;
                clientManualListener.onPublishReceived(publish, ack);
            } else if (clientListener != null) {
                clientListener.onPublishReceived(publish);
            }
        } finally {
            if (!handedOver) {
                ack.acknowledge();
            }
        }
    }

    private JsonNode parse(PublishPacket publish) {
        byte[] payload = publish.payload();
        if (payload.length == 0) {
            return NullNode.getInstance();
        }
        try {
            return mapper.readTree(payload);
        } catch (JacksonException e) {
            log.warn("Ignoring a message on the AWS IoT service topic {} that is not JSON ({} bytes): {}",
                    publish.topic(), payload.length, e.getOriginalMessage());
            return null;
        }
    }
}
