package dev.mqtt5.spring.autoconfigure;

import dev.mqtt5.client.Mqtt5ClientOptions;

/**
 * Adjusts the options of the auto-configured client after the {@code aws.iot.mqtt5.*}
 * properties have been applied. Beans of this type are applied in {@code @Order}; a
 * customizer may override anything, including the lifecycle listener the auto-configuration
 * installs (health and metrics then lose their events).
 */
@FunctionalInterface
public interface Mqtt5ClientCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder, with the properties applied
     */
    void customize(Mqtt5ClientOptions.Builder builder);
}
