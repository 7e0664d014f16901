package dev.mqtt5.spring.health;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.lifecycle.NegotiatedSettings;
import dev.mqtt5.spring.autoconfigure.Mqtt5ConnectionTracker;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of one {@link Mqtt5Client}: UP when connected (with endpoint, client id and the
 * negotiated settings), DOWN while connecting or reconnecting (with the last failure and the
 * broker's reason), OUT_OF_SERVICE when stopped. Details never include credentials.
 */
public class Mqtt5HealthIndicator implements HealthIndicator {

    private final Mqtt5Client client;

    private final Mqtt5ConnectionTracker tracker;

    /**
     * Creates the indicator.
     *
     * @param client the client
     * @param tracker the tracker of the client's lifecycle events, or null when the client was not
     *     built by the auto-configuration (the last failure is then unknown)
     */
    public Mqtt5HealthIndicator(Mqtt5Client client, Mqtt5ConnectionTracker tracker) {
        this.client = client;
        this.tracker = tracker;
    }

    @Override
    public Health health() {
        ClientState state = this.client.state();
        Health.Builder builder = switch (state) {
            case CONNECTED -> Health.up();
            case STOPPED -> Health.outOfService();
            default -> Health.down();
        };
        builder.withDetail("endpoint", this.client.options().hostName() + ":" + this.client.options().port());
        builder.withDetail("state", state.name());
        NegotiatedSettings settings = this.client.negotiatedSettings();
        String clientId = (settings != null) ? settings.clientId() : this.client.options().connectOptions().clientId();
        builder.withDetail("clientId", clientId);
        if (state == ClientState.CONNECTED && settings != null) {
            builder.withDetail("negotiatedSettings", describe(settings));
        }
        Mqtt5ConnectionTracker.Failure failure = (this.tracker != null) ? this.tracker.getLastFailure() : null;
        if (state != ClientState.CONNECTED && failure != null) {
            builder.withDetail("lastFailure", failure.describe());
            builder.withDetail("lastFailureAt", failure.at().toString());
            if (failure.reason() != null) {
                builder.withDetail("reason", failure.reason());
            }
            if (failure.reasonString() != null) {
                builder.withDetail("reasonString", failure.reasonString());
            }
            if ("SESSION_TAKEN_OVER".equals(failure.reason())) {
                builder.withDetail("hint", "another client uses this client id");
            }
        }
        return builder.build();
    }

    private static Map<String, Object> describe(NegotiatedSettings settings) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("maximumQos", settings.maximumQos().name());
        details.put("sessionExpiryInterval", settings.sessionExpiryInterval().toString());
        details.put("serverKeepAlive", settings.serverKeepAlive().toString());
        details.put("receiveMaximumFromServer", settings.receiveMaximumFromServer());
        details.put("maximumPacketSizeToServer", settings.maximumPacketSizeToServer());
        details.put("topicAliasMaximumToServer", settings.topicAliasMaximumToServer());
        details.put("retainAvailable", settings.retainAvailable());
        details.put("wildcardSubscriptionsAvailable", settings.wildcardSubscriptionsAvailable());
        details.put("sharedSubscriptionsAvailable", settings.sharedSubscriptionsAvailable());
        details.put("subscriptionIdentifiersAvailable", settings.subscriptionIdentifiersAvailable());
        details.put("rejoinedSession", settings.rejoinedSession());
        return details;
    }
}
