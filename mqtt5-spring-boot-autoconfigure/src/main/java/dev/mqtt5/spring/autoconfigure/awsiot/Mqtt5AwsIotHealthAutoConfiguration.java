package dev.mqtt5.spring.autoconfigure.awsiot;

import dev.mqtt5.spring.aws.iot.AwsIotHandlerRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@code awsIot} health entry; disable it
 * with {@code management.health.awsiot.enabled=false}.
 */
@AutoConfiguration(after = Mqtt5AwsIotAutoConfiguration.class)
@ConditionalOnClass({ AwsIotHandlerRegistry.class, HealthContributor.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(AwsIotHandlerRegistry.class)
@ConditionalOnEnabledHealthIndicator("awsiot")
public final class Mqtt5AwsIotHealthAutoConfiguration {

    Mqtt5AwsIotHealthAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "awsIotHealthIndicator")
    HealthContributor awsIotHealthIndicator(AwsIotHandlerRegistry registry, AwsIotThing thing) {
        return new AwsIotHealthIndicator(registry, thing);
    }
}
