package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.internal.codec.InboundAck;
import dev.mqtt5.client.exception.PublishFailedException;
import dev.mqtt5.client.exception.SubscribeFailedException;
import dev.mqtt5.client.exception.UnsubscribeFailedException;
import dev.mqtt5.client.packet.PubAckPacket;
import dev.mqtt5.client.packet.PubCompPacket;
import dev.mqtt5.client.packet.PubRecPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.UnsubAckPacket;

/**
 * Completes operations from the server's acknowledgements: PUBACK, PUBREC (then PUBREL),
 * PUBCOMP, SUBACK, UNSUBACK. An ack for a packet identifier no operation holds, or of the wrong
 * kind, is a protocol error. Stateless: it works on the queue's state. Event loop only.
 */
final class AckHandler {

    private AckHandler() {
    }

    /** An ack of an operation: PUBACK, PUBREC, PUBCOMP, SUBACK or UNSUBACK. */
    static void onAck(OperationQueue queue, InboundAck<?> ack) {
        int id = ack.packetId();
        Object packet = ack.packet();
        if (packet instanceof PubAckPacket p) {
            onPubAck(queue, id, p);
        } else if (packet instanceof PubRecPacket p) {
            onPubRec(queue, id, p);
        } else if (packet instanceof PubCompPacket p) {
            onPubComp(queue, id, p);
        } else if (packet instanceof SubAckPacket p) {
            onSubAck(queue, id, p);
        } else if (packet instanceof UnsubAckPacket p) {
            onUnsubAck(queue, id, p);
        }
    }

    private static void onPubAck(OperationQueue queue, int packetId, PubAckPacket ack) {
        PublishOperation op = expect(queue, packetId, "PUBACK", 1);
        queue.inflight().remove(packetId);
        queue.publishesInFlight--;
        PublishResult result = PublishResult.of(ack);
        if (ack.reasonCode().isError()) {
            queue.fail(op, new PublishFailedException(op.describe() + " refused: PUBACK " + ack.reasonCode()
                    + reason(ack.reasonString()), result), true);
        } else {
            queue.succeed(op, result, true);
        }
        queue.drain();
    }

    private static void onPubRec(OperationQueue queue, int packetId, PubRecPacket rec) {
        PublishOperation op = expect(queue, packetId, "PUBREC", 2);
        if (rec.reasonCode().isError()) {
            queue.inflight().remove(packetId);
            queue.publishesInFlight--;
            queue.fail(op, new PublishFailedException(op.describe() + " refused: PUBREC " + rec.reasonCode()
                    + reason(rec.reasonString()), PublishResult.of(rec, null)), true);
            queue.drain();
        } else {
            op.pubRec = rec;
            queue.sendPubRel(packetId);
        }
    }

    private static void onPubComp(OperationQueue queue, int packetId, PubCompPacket comp) {
        PublishOperation op = expect(queue, packetId, "PUBCOMP", 2);
        if (op.pubRec == null) {
            throw MqttProtocolException.protocolError("PUBCOMP for packet identifier " + packetId
                    + " before its PUBREC");
        }
        queue.inflight().remove(packetId);
        queue.publishesInFlight--;
        PublishResult result = PublishResult.of(op.pubRec, comp);
        if (comp.reasonCode().isError()) {
            queue.fail(op, new PublishFailedException(op.describe() + " failed: PUBCOMP " + comp.reasonCode()
                    + reason(comp.reasonString()), result), true);
        } else {
            queue.succeed(op, result, true);
        }
        queue.drain();
    }

    private static void onSubAck(OperationQueue queue, int packetId, SubAckPacket ack) {
        if (!(queue.inflight().get(packetId) instanceof SubscribeOperation op)) {
            throw MqttProtocolException.protocolError("SUBACK for packet identifier " + packetId
                    + ", which no SUBSCRIBE is waiting for");
        }
        if (ack.reasonCodes().size() != op.packet.subscriptions().size()) {
            throw MqttProtocolException.protocolError("SUBACK has " + ack.reasonCodes().size()
                    + " reason codes for a SUBSCRIBE of " + op.packet.subscriptions().size() + " subscriptions");
        }
        queue.inflight().remove(packetId);
        if (op.routed) {
            queue.router().removeRefused(op.packet, op.handler, ack);
        }
        if (ack.hasError()) {
            queue.fail(op, new SubscribeFailedException(ack), true);
        } else {
            queue.succeed(op, ack, true);
        }
        queue.drain();
    }

    private static void onUnsubAck(OperationQueue queue, int packetId, UnsubAckPacket ack) {
        if (!(queue.inflight().get(packetId) instanceof UnsubscribeOperation op)) {
            throw MqttProtocolException.protocolError("UNSUBACK for packet identifier " + packetId
                    + ", which no UNSUBSCRIBE is waiting for");
        }
        if (ack.reasonCodes().size() != op.packet.topicFilters().size()) {
            throw MqttProtocolException.protocolError("UNSUBACK has " + ack.reasonCodes().size()
                    + " reason codes for an UNSUBSCRIBE of " + op.packet.topicFilters().size() + " topic filters");
        }
        queue.inflight().remove(packetId);
        queue.router().removeUnsubscribed(op.packet.topicFilters(), ack);
        if (ack.hasError()) {
            queue.fail(op, new UnsubscribeFailedException(ack), true);
        } else {
            queue.succeed(op, ack, true);
        }
        queue.drain();
    }

    private static PublishOperation expect(OperationQueue queue, int packetId, String ackName, int qos) {
        if (queue.inflight().get(packetId) instanceof PublishOperation op && op.qos() == qos) {
            return op;
        }
        throw MqttProtocolException.protocolError(ackName + " for packet identifier " + packetId
                + ", which no QoS " + qos + " PUBLISH is waiting for");
    }

    private static String reason(String reasonString) {
        return reasonString == null ? "" : ": " + reasonString;
    }
}
