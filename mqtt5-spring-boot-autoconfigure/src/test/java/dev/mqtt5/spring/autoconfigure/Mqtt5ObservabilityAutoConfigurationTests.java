package dev.mqtt5.spring.autoconfigure;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.exception.MqttConnectionException;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.spring.autoconfigure.health.Mqtt5HealthContributorAutoConfiguration;
import dev.mqtt5.spring.autoconfigure.metrics.Mqtt5MetricsAutoConfiguration;
import dev.mqtt5.spring.health.Mqtt5HealthIndicator;
import dev.mqtt5.spring.metrics.Mqtt5ClientMetricsBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests of the health and metrics auto-configurations and of their conditions. */
class Mqtt5ObservabilityAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class,
                Mqtt5HealthContributorAutoConfiguration.class, Mqtt5MetricsAutoConfiguration.class,
                MetricsAutoConfiguration.class))
        .withBean(SimpleMeterRegistry.class)
        .withPropertyValues("aws.iot.mqtt5.auto-startup=false", "aws.iot.mqtt5.endpoint=broker.example",
                "aws.iot.mqtt5.client-id=device-7", "aws.iot.mqtt5.password=hunter2-secret");

    @Test
    void aStoppedClientIsOutOfServiceWithEndpointAndClientIdButNoSecret() {
        this.runner.run((context) -> {
            Health health = ((Mqtt5HealthIndicator) context.getBean("mqtt5HealthContributor")).health();
            assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.getDetails()).containsEntry("endpoint", "broker.example:1883")
                .containsEntry("clientId", "device-7").containsEntry("state", "STOPPED");
            assertThat(health.toString()).doesNotContain("hunter2-secret");
        });
    }

    @Test
    void theLastConnectionFailureAppearsInHealthWhileNotConnected() {
        this.runner.run((context) -> {
            Mqtt5Client client = context.getBean(Mqtt5Client.class);
            client.options().lifecycleListener()
                .onConnectionFailure(new ConnectionFailureEvent(new MqttConnectionException("connection refused"), null));
            Health health = ((Mqtt5HealthIndicator) context.getBean("mqtt5HealthContributor")).health();
            assertThat(health.getDetails()).containsEntry("lastFailure", "MqttConnectionException: connection refused")
                .containsKey("lastFailureAt");
        });
    }

    @Test
    void severalClientBeansGiveOneHealthEntryEach() {
        this.runner.withBean("second", Mqtt5Client.class,
                () -> new Mqtt5Client(Mqtt5ClientOptions.builder().hostName("other").port(1884).build()))
            .withBean("mqtt5Client", Mqtt5Client.class,
                    () -> new Mqtt5Client(Mqtt5ClientOptions.builder().hostName("one").port(1883).build()))
            .run((context) -> {
                CompositeHealthContributor composite = (CompositeHealthContributor) context
                    .getBean("mqtt5HealthContributor", HealthContributor.class);
                assertThat(composite.getContributor("second")).isInstanceOf(Mqtt5HealthIndicator.class);
                assertThat(composite.getContributor("mqtt5Client")).isInstanceOf(Mqtt5HealthIndicator.class);
            });
    }

    @Test
    void healthCanBeDisabled() {
        this.runner.withPropertyValues("management.health.mqtt5.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean("mqtt5HealthContributor"));
    }

    @Test
    void withoutTheHealthModuleThereIsNoHealthContributorAndTheClientStillWorks() {
        this.runner.withClassLoader(new FilteredClassLoader(HealthContributor.class)).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(Mqtt5Client.class);
            assertThat(context).doesNotHaveBean("mqtt5HealthContributor");
        });
    }

    @Test
    void withoutMicrometerThereAreNoMetersAndTheClientStillWorks() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class, Mqtt5MetricsAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .withPropertyValues("aws.iot.mqtt5.auto-startup=false", "aws.iot.mqtt5.endpoint=b")
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(Mqtt5Client.class);
                assertThat(context).doesNotHaveBean(Mqtt5ClientMetricsBinder.class);
            });
    }

    @Test
    void withoutAMeterRegistryThereAreNoMeters() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class, Mqtt5MetricsAutoConfiguration.class))
            .withPropertyValues("aws.iot.mqtt5.auto-startup=false", "aws.iot.mqtt5.endpoint=b")
            .run((context) -> assertThat(context).doesNotHaveBean(Mqtt5ClientMetricsBinder.class));
    }

    @Test
    void gaugesAndConnectionCountersAreTaggedWithTheClientBeanName() {
        this.runner.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            for (String gauge : new String[] { "operations.incomplete.count", "operations.incomplete.size",
                    "operations.unacked.count", "operations.unacked.size", "connected" }) {
                assertThat(registry.get("mqtt5.client." + gauge).tag("client", "mqtt5Client").gauge().value())
                    .isZero();
            }
            Mqtt5Client client = context.getBean(Mqtt5Client.class);
            client.options().lifecycleListener()
                .onAttemptingConnect(new dev.mqtt5.client.lifecycle.AttemptingConnectEvent(1));
            client.options().lifecycleListener()
                .onConnectionFailure(new ConnectionFailureEvent(new MqttConnectionException("refused"), null));
            assertThat(registry.get("mqtt5.client.connection.attempts").tag("client", "mqtt5Client").counter().count())
                .isEqualTo(1);
            assertThat(registry.get("mqtt5.client.connection.failures").tag("reason", "MqttConnectionException")
                .counter().count()).isEqualTo(1);
        });
    }
}
