package dev.mqtt5.spring.aws.iot;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringValueResolver;

/**
 * Finds {@link ShadowDeltaHandler} and {@link JobHandler} methods on beans and keeps them for the
 * {@link AwsIotHandlerRegistry}, which starts them with the context. Declare it as a {@code static}
 * bean: it needs nothing else, so that post-processing does not create the MQTT client early.
 */
public class AwsIotHandlerAnnotationBeanPostProcessor implements BeanPostProcessor, EmbeddedValueResolverAware {

    /** A found method: its bean, the method, and its annotation. */
    record Found(Object bean, Method method, ShadowDeltaHandler shadow, JobHandler job, String thingName) {
    }

    private final List<Found> found = new ArrayList<>();

    private StringValueResolver resolver;

    @Override
    public void setEmbeddedValueResolver(StringValueResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        Map<Method, ShadowDeltaHandler> shadows = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<ShadowDeltaHandler>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, ShadowDeltaHandler.class));
        Map<Method, JobHandler> jobs = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<JobHandler>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, JobHandler.class));
        synchronized (this.found) {
            shadows.forEach((method, annotation) -> this.found.add(new Found(bean,
                    AopUtils.selectInvocableMethod(method, bean.getClass()), annotation, null,
                    resolve(annotation.thingName()))));
            jobs.forEach((method, annotation) -> this.found
                .add(new Found(bean, AopUtils.selectInvocableMethod(method, bean.getClass()), null, annotation, "")));
        }
        return bean;
    }

    private String resolve(String value) {
        return (this.resolver != null && !value.isEmpty()) ? this.resolver.resolveStringValue(value) : value;
    }

    /** The methods found so far. */
    List<Found> found() {
        synchronized (this.found) {
            return List.copyOf(this.found);
        }
    }
}
