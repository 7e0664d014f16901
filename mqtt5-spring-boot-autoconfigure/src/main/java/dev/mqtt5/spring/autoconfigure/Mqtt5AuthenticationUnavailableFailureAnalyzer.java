package dev.mqtt5.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an {@link AuthenticationMethodUnavailableException}: which properties and what to use meanwhile. */
class Mqtt5AuthenticationUnavailableFailureAnalyzer
        extends AbstractFailureAnalyzer<AuthenticationMethodUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AuthenticationMethodUnavailableException cause) {
        return new FailureAnalysis("The MQTT 5 client could not be configured: the properties " + cause.getProperty()
                + ".* are not available in this build yet.",
                "Remove the " + cause.getProperty() + ".* properties, or use what this build supports: a broker with "
                        + "aws.iot.mqtt5.username/password and aws.iot.mqtt5.tls.* (ca, alpn, client-certificate and "
                        + "client-private-key for mutual TLS), or provide the client with an Mqtt5ClientCustomizer.",
                cause);
    }
}
