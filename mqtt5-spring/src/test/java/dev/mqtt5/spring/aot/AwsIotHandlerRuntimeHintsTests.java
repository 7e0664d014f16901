package dev.mqtt5.spring.aot;

import java.util.Map;

import dev.mqtt5.aws.iot.jobs.JobExecution;
import dev.mqtt5.aws.iot.shadow.ShadowDelta;
import dev.mqtt5.spring.aws.iot.JobHandler;
import dev.mqtt5.spring.aws.iot.ShadowDeltaHandler;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A native image of an application with {@code @ShadowDeltaHandler} and {@code @JobHandler}
 * methods gets the hints it needs: the methods may be invoked reflectively, the delta, reported
 * state and job document types bound; nothing for other methods or the library's event types.
 * The processor is found through {@code aot.factories}.
 */
class AwsIotHandlerRuntimeHintsTests {

    record Thermostat(Double target) {
    }

    record ModeJob(String operation, String mode) {
    }

    record Unrelated(String value) {
    }

    static class Handlers {

        @ShadowDeltaHandler(thingName = "thermostat-1")
        Thermostat apply(Thermostat delta, ShadowDelta<?> event) {
            return delta;
        }

        @JobHandler("set-mode")
        Map<String, String> setMode(ModeJob job, JobExecution execution) {
            return Map.of("mode", job.mode());
        }

        void notAHandler(Unrelated unrelated) {
        }
    }

    static class NoHandlers {

        void handle(Unrelated unrelated) {
        }
    }

    @Test
    void handlerMethodsAreInvocableAndTheirStateAndDocumentTypesBindable() {
        RuntimeHints hints = process(Handlers.class);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Handlers.class, "apply")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Handlers.class, "setMode")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Handlers.class, "notAHandler"))
            .rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Thermostat.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(ModeJob.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Unrelated.class)).rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(ShadowDelta.class)).rejects(hints);
    }

    @Test
    void aBeanWithoutHandlersContributesNothing() {
        assertThat(AotProcessing.contribution(AwsIotHandlerBeanRegistrationAotProcessor.class, NoHandlers.class)).isNull();
    }

    private static RuntimeHints process(Class<?> type) {
        return AotProcessing.hints(AwsIotHandlerBeanRegistrationAotProcessor.class, type);
    }
}
