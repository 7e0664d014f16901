package dev.mqtt5.spring.aot;

import java.util.List;

import dev.mqtt5.spring.core.Mqtt5Headers;
import dev.mqtt5.spring.listener.Mqtt5Listener;
import dev.mqtt5.spring.listener.TopicVariable;
import jakarta.validation.Valid;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A native image of an application with {@code @Mqtt5Listener} methods gets the hints it needs:
 * the methods may be invoked reflectively, their JSON payload and reply types bound; nothing for
 * other methods, headers or simple types. The processor is found through {@code aot.factories}.
 */
class Mqtt5ListenerRuntimeHintsTests {

    record Reading(double celsius, String unit) {
    }

    record Reply(String status) {
    }

    record Unrelated(String value) {
    }

    static class Listeners {

        @Mqtt5Listener(topics = "fleet/{id}/telemetry")
        Reply onReading(@TopicVariable("id") String id, @Valid Reading reading,
                @Header(Mqtt5Headers.RECEIVED_TOPIC) String topic) {
            return new Reply("ok");
        }

        @Mqtt5Listener(topics = "raw")
        void onRaw(byte[] payload) {
        }

        void notAListener(Unrelated unrelated) {
        }
    }

    static class NoListeners {

        void handle(Unrelated unrelated) {
        }
    }

    @Test
    void listenerMethodsAreInvocableAndTheirPayloadAndReplyTypesBindable() {
        RuntimeHints hints = process(Listeners.class);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Listeners.class, "onReading")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Listeners.class, "onRaw")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Listeners.class, "notAListener"))
            .rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Reading.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Reply.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Unrelated.class)).rejects(hints);
    }

    @Test
    void aBeanWithoutListenersContributesNothing() {
        assertThat(AotProcessing.contribution(Mqtt5ListenerBeanRegistrationAotProcessor.class, NoListeners.class)).isNull();
    }

    private static RuntimeHints process(Class<?> type) {
        return AotProcessing.hints(Mqtt5ListenerBeanRegistrationAotProcessor.class, type);
    }
}
