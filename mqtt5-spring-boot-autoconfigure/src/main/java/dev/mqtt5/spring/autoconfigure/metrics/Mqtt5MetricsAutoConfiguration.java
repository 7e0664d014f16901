package dev.mqtt5.spring.autoconfigure.metrics;

import java.util.Map;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.spring.autoconfigure.Mqtt5AutoConfiguration;
import dev.mqtt5.spring.autoconfigure.Mqtt5ConnectionTracker;
import dev.mqtt5.spring.metrics.Mqtt5ClientMetrics;
import dev.mqtt5.spring.metrics.Mqtt5ClientMetricsBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of Micrometer meters for every
 * {@link Mqtt5Client} bean, tagged with the bean's name ({@link Mqtt5ClientMetrics}).
 */
@AutoConfiguration(after = Mqtt5AutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ Mqtt5Client.class, MeterRegistry.class, MeterBinder.class })
@ConditionalOnBean({ Mqtt5Client.class, MeterRegistry.class })
public final class Mqtt5MetricsAutoConfiguration {

    Mqtt5MetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    Mqtt5ClientMetricsBinder mqtt5ClientMetrics(Map<String, Mqtt5Client> clients,
            ObjectProvider<Mqtt5ConnectionTracker> trackers) {
        return new Mqtt5ClientMetricsBinder(clients, trackers.stream().toList());
    }
}
