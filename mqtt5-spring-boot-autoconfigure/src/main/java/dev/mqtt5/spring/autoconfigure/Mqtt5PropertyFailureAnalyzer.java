package dev.mqtt5.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an {@link InvalidMqtt5PropertyException}: the property, the problem, the fix. */
class Mqtt5PropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMqtt5PropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidMqtt5PropertyException cause) {
        return new FailureAnalysis("The MQTT 5 client could not be configured: " + cause.getMessage(),
                "Check the property '" + cause.getProperty() + "'. " + cause.getAction(), cause);
    }
}
