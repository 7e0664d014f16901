package dev.mqtt5.spring.listener;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Resolves the string attributes of {@link Mqtt5Listener} ({@code ${...}} placeholders, numbers,
 * booleans, topic filters) into values, failing with a message that names the method and attribute.
 */
final class ListenerAttributeResolver {

    /** The property with the default of {@link Mqtt5Listener#concurrency()}. */
    static final String DEFAULT_CONCURRENCY = "aws.iot.mqtt5.listener.concurrency";

    /** The property with the default of {@link Mqtt5Listener#autoStartup()}. */
    static final String DEFAULT_AUTO_STARTUP = "aws.iot.mqtt5.listener.auto-startup";

    private ConfigurableBeanFactory beanFactory;

    private Environment environment;

    void setBeanFactory(ConfigurableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    String resolve(String value, String where) {
        try {
            String resolved = (this.beanFactory != null) ? this.beanFactory.resolveEmbeddedValue(value) : value;
            resolved = (resolved != null) ? resolved : value;
            // strict even where no placeholder configurer is registered (the context's fallback is lenient)
            return (this.environment != null) ? this.environment.resolveRequiredPlaceholders(resolved) : resolved;
        } catch (IllegalArgumentException ex) {
            throw new IllegalStateException(where + ": " + ex.getMessage()
                    + "; define the property, or give a default like ${name:default}", ex);
        }
    }

    List<TopicTemplate> topics(Mqtt5Listener annotation, String where) {
        if (annotation.topics().length == 0) {
            throw new IllegalStateException(where + ": topics is empty; name at least one topic filter");
        }
        String group = resolve(annotation.group(), where + " group");
        List<TopicTemplate> topics = new ArrayList<>();
        for (String topic : annotation.topics()) {
            String filter = resolve(topic, where + " topics");
            try {
                topics.add(TopicTemplate.parse(filter, group));
            } catch (IllegalArgumentException ex) {
                throw new IllegalStateException(where + " topics: " + ex.getMessage(), ex);
            }
        }
        return topics;
    }

    int concurrency(Mqtt5Listener annotation, String where) {
        String value = annotation.concurrency().isEmpty() ? "${" + DEFAULT_CONCURRENCY + ":1}" : annotation.concurrency();
        String resolved = resolve(value, where + " concurrency");
        try {
            int concurrency = Integer.parseInt(resolved.trim());
            if (concurrency >= 1) {
                return concurrency;
            }
        } catch (NumberFormatException ex) {
            // reported below
        }
        throw new IllegalStateException(where + ": concurrency must be a whole number of at least 1, was '" + resolved + "'");
    }

    boolean autoStartup(Mqtt5Listener annotation, String where) {
        String value = annotation.autoStartup().isEmpty() ? "${" + DEFAULT_AUTO_STARTUP + ":true}" : annotation.autoStartup();
        String resolved = resolve(value, where + " autoStartup").trim();
        if (resolved.equalsIgnoreCase("true") || resolved.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(resolved);
        }
        throw new IllegalStateException(where + ": autoStartup must be true or false, was '" + resolved + "'");
    }
}
