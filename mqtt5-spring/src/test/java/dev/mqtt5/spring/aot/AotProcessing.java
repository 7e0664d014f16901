package dev.mqtt5.spring.aot;

import java.util.List;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs one of our bean registration AOT processors, found as Spring's AOT engine finds it, on a bean type. */
final class AotProcessing {

    private AotProcessing() {
    }

    /** The hints the processor contributes for a bean of {@code type}; fails when it contributes nothing. */
    static RuntimeHints hints(Class<? extends BeanRegistrationAotProcessor> processorType, Class<?> type) {
        BeanRegistrationAotContribution contribution = contribution(processorType, type);
        assertThat(contribution).isNotNull();
        DefaultGenerationContext generationContext = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get("example", "Application")), new InMemoryGeneratedFiles());
        contribution.applyTo(generationContext, null);
        return generationContext.getRuntimeHints();
    }

    /** What the processor contributes for a bean of {@code type}, or null. */
    static BeanRegistrationAotContribution contribution(Class<? extends BeanRegistrationAotProcessor> processorType,
            Class<?> type) {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.registerBeanDefinition("bean", new RootBeanDefinition(type));
        return processor(processorType).processAheadOfTime(RegisteredBean.of(beanFactory, "bean"));
    }

    /** The processor, from {@code META-INF/spring/aot.factories}. */
    private static BeanRegistrationAotProcessor processor(Class<? extends BeanRegistrationAotProcessor> processorType) {
        List<BeanRegistrationAotProcessor> found = AotServices.factories().load(BeanRegistrationAotProcessor.class)
            .asList()
            .stream()
            .filter(processorType::isInstance)
            .toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
