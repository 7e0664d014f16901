package dev.mqtt5.spring.autoconfigure;

import dev.mqtt5.client.packet.ConnAckPacket;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link Mqtt5ConnectionRefusedException}: the broker's reason and the likely fix. */
class Mqtt5ConnectionRefusedFailureAnalyzer extends AbstractFailureAnalyzer<Mqtt5ConnectionRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, Mqtt5ConnectionRefusedException cause) {
        ConnAckPacket connAck = cause.getConnAck();
        String reason = connAck.reasonCode() + String.format(" (0x%02X)", connAck.reasonCode().code())
                + ((connAck.reasonString() != null) ? ": " + connAck.reasonString() : "");
        return new FailureAnalysis("The MQTT broker at " + cause.getEndpoint() + " refused the connection with "
                + reason + ".", action(connAck), cause);
    }

    private static String action(ConnAckPacket connAck) {
        return switch (connAck.reasonCode()) {
            case BAD_USER_NAME_OR_PASSWORD -> "Check aws.iot.mqtt5.username and aws.iot.mqtt5.password.";
            case NOT_AUTHORIZED -> "Check the credentials, and for AWS IoT Core that the certificate is active and its "
                    + "policy allows iot:Connect for aws.iot.mqtt5.client-id.";
            case CLIENT_IDENTIFIER_NOT_VALID -> "Check aws.iot.mqtt5.client-id: the broker rejects it.";
            case SERVER_UNAVAILABLE, SERVER_BUSY, CONNECTION_RATE_EXCEEDED, QUOTA_EXCEEDED ->
                "The broker is overloaded or throttling; retry later, or start without "
                        + "aws.iot.mqtt5.startup.wait-for-connection to let the client reconnect on its own.";
            default -> "Check the aws.iot.mqtt5.* properties against the broker's requirements, or set "
                    + "aws.iot.mqtt5.startup.wait-for-connection=false to start without a connection.";
        };
    }
}
