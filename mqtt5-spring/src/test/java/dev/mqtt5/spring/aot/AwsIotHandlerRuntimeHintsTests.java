package dev.mqtt5.spring.aot;

import java.util.List;
import java.util.Map;

import dev.mqtt5.aws.iot.jobs.JobExecution;
import dev.mqtt5.aws.iot.shadow.ShadowDelta;
import dev.mqtt5.spring.aws.iot.JobHandler;
import dev.mqtt5.spring.aws.iot.ShadowDeltaHandler;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.ClassName;

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
        assertThat(processor().processAheadOfTime(registered(NoHandlers.class))).isNull();
    }

    private static RuntimeHints process(Class<?> type) {
        BeanRegistrationAotContribution contribution = processor().processAheadOfTime(registered(type));
        assertThat(contribution).isNotNull();
        DefaultGenerationContext generationContext = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get("example", "Application")), new InMemoryGeneratedFiles());
        contribution.applyTo(generationContext, null);
        return generationContext.getRuntimeHints();
    }

    /** The processor as Spring's AOT engine finds it, from {@code META-INF/spring/aot.factories}. */
    private static BeanRegistrationAotProcessor processor() {
        List<BeanRegistrationAotProcessor> found = AotServices.factories().load(BeanRegistrationAotProcessor.class)
            .asList()
            .stream()
            .filter(AwsIotHandlerBeanRegistrationAotProcessor.class::isInstance)
            .toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static RegisteredBean registered(Class<?> type) {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.registerBeanDefinition("bean", new RootBeanDefinition(type));
        return RegisteredBean.of(beanFactory, "bean");
    }
}
