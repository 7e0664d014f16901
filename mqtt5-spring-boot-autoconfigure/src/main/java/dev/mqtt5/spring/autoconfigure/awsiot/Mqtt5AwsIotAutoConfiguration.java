package dev.mqtt5.spring.autoconfigure.awsiot;

import dev.mqtt5.aws.iot.AwsIotServices;
import dev.mqtt5.aws.iot.jobs.JobsClient;
import dev.mqtt5.aws.iot.provisioning.FleetProvisioningClient;
import dev.mqtt5.aws.iot.rr.RequestObserver;
import dev.mqtt5.aws.iot.rr.RequestResponseOptions;
import dev.mqtt5.aws.iot.shadow.ShadowClient;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.spring.autoconfigure.InvalidMqtt5PropertyException;
import dev.mqtt5.spring.autoconfigure.Mqtt5AutoConfiguration;
import dev.mqtt5.spring.aws.iot.AwsIotHandlerAnnotationBeanPostProcessor;
import dev.mqtt5.spring.aws.iot.AwsIotHandlerRegistry;
import dev.mqtt5.spring.aws.iot.AwsIotRequestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.util.StringUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the AWS IoT services over the
 * application's MQTT client, when {@code dev.mqtt5:mqtt5-aws-iot} is on the class path:
 * {@link AwsIotServices}, the thing's classic {@link ShadowClient}, its {@link AwsIotShadows} and
 * {@link JobsClient}, a
 * {@link FleetProvisioningClient}, and the {@code @ShadowDeltaHandler} and {@code @JobHandler}
 * methods started with the context; with Micrometer, the {@code mqtt5.aws.iot.requests} timer.
 */
@AutoConfiguration(after = Mqtt5AutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ AwsIotServices.class, AwsIotHandlerRegistry.class, JsonMapper.class })
@ConditionalOnBean(Mqtt5Client.class)
@EnableConfigurationProperties(Mqtt5AwsIotProperties.class)
public final class Mqtt5AwsIotAutoConfiguration {

    private static final String P = "aws.iot.mqtt5.iot.";

    Mqtt5AwsIotAutoConfiguration() {
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    AwsIotServices awsIotServices(Mqtt5Client client, ObjectProvider<JsonMapper> jsonMapper,
            Mqtt5AwsIotProperties properties, ObjectProvider<RequestObserver> requestObserver) {
        RequestResponseOptions options;
        try {
            options = RequestResponseOptions.builder()
                .maxRequestResponseSubscriptions(properties.getMaxRequestResponseSubscriptions())
                .maxStreamingSubscriptions(properties.getMaxStreamingSubscriptions())
                .operationTimeout(properties.getOperationTimeout())
                .deliverToClientListener(properties.isDeliverToClientListener())
                .requestObserver(requestObserver.getIfUnique())
                .build();
        }
        catch (IllegalArgumentException | IllegalStateException ex) {
            throw new InvalidMqtt5PropertyException(P + "max-request-response-subscriptions",
                    "the subscription budget is not valid: " + ex.getMessage(),
                    "Give max-request-response-subscriptions (at least 2) and max-streaming-subscriptions that add up "
                            + "to 50 at most.",
                    ex);
        }
        return AwsIotServices.builder(client)
            .jsonMapper(jsonMapper.getIfAvailable())
            .requestResponseOptions(options)
            .build();
    }

    /** Request metrics when Micrometer is there: in a class of its own, so that its absence loads nothing of it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static final class RequestMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RequestObserver awsIotRequestMetrics(MeterRegistry registry) {
            return new AwsIotRequestMetrics(registry);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    AwsIotThing awsIotThing(Mqtt5Client client, Mqtt5AwsIotProperties properties) {
        if (StringUtils.hasText(properties.getThingName())) {
            return new AwsIotThing(properties.getThingName());
        }
        String clientId = client.options().connectOptions().clientId();
        return new AwsIotThing(StringUtils.hasText(clientId) ? clientId : null);
    }

    @Bean
    @Lazy // the thing name is needed only when the client is
    @ConditionalOnMissingBean
    ShadowClient awsIotShadowClient(AwsIotServices services, AwsIotThing thing) {
        return services.shadow(thing.name());
    }

    @Bean
    @Lazy // the thing name is needed only when the client is
    @ConditionalOnMissingBean
    AwsIotShadows awsIotShadows(AwsIotServices services, AwsIotThing thing, Mqtt5AwsIotProperties properties) {
        return new AwsIotShadows(services, thing.name(), properties.getShadowNames());
    }

    @Bean
    @Lazy // the thing name is needed only when the client is
    @ConditionalOnMissingBean
    JobsClient awsIotJobsClient(AwsIotServices services, AwsIotThing thing) {
        return services.jobs(thing.name());
    }

    @Bean
    @ConditionalOnMissingBean
    FleetProvisioningClient awsIotFleetProvisioningClient(AwsIotServices services) {
        return services.fleetProvisioning();
    }

    @Bean
    @ConditionalOnMissingBean
    static AwsIotHandlerAnnotationBeanPostProcessor awsIotHandlerAnnotationBeanPostProcessor() {
        return new AwsIotHandlerAnnotationBeanPostProcessor();
    }

    @Bean
    @ConditionalOnMissingBean
    AwsIotHandlerRegistry awsIotHandlerRegistry(AwsIotServices services, AwsIotThing thing,
            ObjectProvider<JsonMapper> jsonMapper, Mqtt5AwsIotProperties properties,
            AwsIotHandlerAnnotationBeanPostProcessor methods) {
        return new AwsIotHandlerRegistry(services, thing::name, jsonMapper.getIfAvailable(JsonMapper::new),
                properties.getOperationTimeout(), methods);
    }
}
