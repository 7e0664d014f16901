package dev.mqtt5.spring.listener;

import dev.mqtt5.client.Acknowledgement;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** A listener that could never work fails startup with a message naming the method, the attribute and the fix. */
class Mqtt5ListenerStartupFailureTests {

    private final ApplicationContextRunner runner = ListenerTestSupport.runner("127.0.0.1", 1, "startup-checks")
        .withPropertyValues("aws.iot.mqtt5.startup.wait-for-connection=false");

    static class InvalidFilter {

        @Mqtt5Listener(topics = "a/#/b")
        void on(String text) {
        }
    }

    static class UnresolvablePlaceholder {

        @Mqtt5Listener(topics = "${app.missing-topic}")
        void on(String text) {
        }
    }

    static class UnknownTopicVariable {

        @Mqtt5Listener(topics = "devices/{deviceId}/telemetry")
        void on(@TopicVariable("device") String device) {
        }
    }

    static class AcknowledgementWithoutManualMode {

        @Mqtt5Listener(topics = "a/b")
        void on(String text, Acknowledgement ack) {
        }
    }

    static class TwoPayloads {

        @Mqtt5Listener(topics = "a/b")
        void on(String text, Integer other) {
        }
    }

    static class UnknownHeader {

        @Mqtt5Listener(topics = "a/b")
        void on(String text, @org.springframework.messaging.handler.annotation.Header("tenant") String tenant) {
        }
    }

    static class SameFilterTwice {

        @Mqtt5Listener(topics = "a/b")
        void first(String text) {
        }

        @Mqtt5Listener(topics = "a/b")
        void second(String text) {
        }
    }

    static class BadConcurrency {

        @Mqtt5Listener(topics = "a/b", concurrency = "${app.concurrency:zero}")
        void on(String text) {
        }
    }

    @Test
    void anInvalidTopicFilterFailsStartupNamingTheMethodAndTheRule() {
        assertFailure(InvalidFilter.class, "@Mqtt5Listener InvalidFilter.on topics: topic filter 'a/#/b':"
                + " '#' must be a whole level and the last one");
    }

    @Test
    void anUnresolvablePlaceholderFailsStartupNamingThePropertyAndTheFix() {
        assertFailure(UnresolvablePlaceholder.class, "@Mqtt5Listener UnresolvablePlaceholder.on topics",
                "app.missing-topic", "give a default like ${name:default}");
    }

    @Test
    void aTopicVariableThatIsNotInTheFilterFailsStartup() {
        assertFailure(UnknownTopicVariable.class, "@TopicVariable(\"device\") is not a variable of topic"
                + " 'devices/{deviceId}/telemetry' (variables: [deviceId]); write it as {device} in the topic filter");
    }

    @Test
    void anAcknowledgementParameterWithoutManualAckModeFailsStartup() {
        assertFailure(AcknowledgementWithoutManualMode.class, "parameter 1 (Acknowledgement)",
                "needs @Mqtt5Listener(ackMode = AckMode.MANUAL)");
    }

    @Test
    void aSecondPayloadParameterFailsStartup() {
        assertFailure(TwoPayloads.class, "parameter 1 (Integer)", "a listener method has one payload parameter");
    }

    @Test
    void aHeaderThatPublishesNeverCarryFailsStartupPointingToUserProperty() {
        assertFailure(UnknownHeader.class, "@Header(\"tenant\") is not a header of received publishes",
                "@UserProperty for user properties");
    }

    @Test
    void twoListenersOnTheSameFilterFailStartup() {
        assertFailure(SameFilterTwice.class, "both subscribe to 'a/b'", "different shared groups");
    }

    @Test
    void aConcurrencyThatIsNotANumberFailsStartup() {
        assertFailure(BadConcurrency.class, "BadConcurrency.on: concurrency must be a whole number of at least 1,"
                + " was 'zero'");
    }

    private void assertFailure(Class<?> listener, String... messageParts) {
        this.runner.withBean(listener).run((context) -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            for (String part : messageParts) {
                assertThat(messages.toString()).contains(part);
            }
        });
    }
}
