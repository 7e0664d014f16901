package dev.mqtt5.spring.autoconfigure.health;

import java.util.Map;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.spring.autoconfigure.Mqtt5AutoConfiguration;
import dev.mqtt5.spring.autoconfigure.Mqtt5ConnectionTracker;
import dev.mqtt5.spring.health.Mqtt5HealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@code mqtt5} health contributor:
 * one {@link Mqtt5HealthIndicator} per {@link Mqtt5Client} bean, named after the bean when
 * there are several. Disable it with {@code management.health.mqtt5.enabled=false}.
 */
@AutoConfiguration(after = Mqtt5AutoConfiguration.class)
@ConditionalOnClass({ Mqtt5Client.class, HealthContributor.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Mqtt5Client.class)
@ConditionalOnEnabledHealthIndicator("mqtt5")
public final class Mqtt5HealthContributorAutoConfiguration {

    Mqtt5HealthContributorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = { "mqtt5HealthIndicator", "mqtt5HealthContributor" })
    HealthContributor mqtt5HealthContributor(Map<String, Mqtt5Client> clients,
            ObjectProvider<Mqtt5ConnectionTracker> trackers) {
        if (clients.size() == 1) {
            return indicator(clients.values().iterator().next(), trackers);
        }
        return CompositeHealthContributor.fromMap(clients, (client) -> indicator(client, trackers));
    }

    private static Mqtt5HealthIndicator indicator(Mqtt5Client client, ObjectProvider<Mqtt5ConnectionTracker> trackers) {
        Mqtt5ConnectionTracker tracker = trackers.stream().filter((t) -> t.isTracking(client)).findFirst().orElse(null);
        return new Mqtt5HealthIndicator(client, tracker);
    }
}
