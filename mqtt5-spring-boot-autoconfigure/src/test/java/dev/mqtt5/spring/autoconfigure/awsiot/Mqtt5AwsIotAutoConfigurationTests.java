package dev.mqtt5.spring.autoconfigure.awsiot;

import dev.mqtt5.aws.iot.AwsIotServices;
import dev.mqtt5.aws.iot.jobs.JobsClient;
import dev.mqtt5.aws.iot.shadow.ShadowClient;
import dev.mqtt5.spring.autoconfigure.InvalidMqtt5PropertyException;
import dev.mqtt5.spring.autoconfigure.Mqtt5AutoConfiguration;
import dev.mqtt5.spring.aws.iot.AwsIotHandlerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the AWS IoT services auto-configuration provides, and when it stays out of the way. */
class Mqtt5AwsIotAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class, Mqtt5AwsIotAutoConfiguration.class))
        .withPropertyValues("aws.iot.mqtt5.auto-startup=false", "aws.iot.mqtt5.endpoint=localhost",
                "aws.iot.mqtt5.client-id=lamp-1");

    @Test
    void theThingIsTheClientIdAndItsShadowAndJobsAreBeans() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(AwsIotServices.class).hasSingleBean(AwsIotHandlerRegistry.class);
            assertThat(context.getBean(AwsIotThing.class).name()).isEqualTo("lamp-1");
            assertThat(context.getBean(ShadowClient.class).topicPrefix()).isEqualTo("$aws/things/lamp-1/shadow");
            assertThat(context.getBean(JobsClient.class).thingName()).isEqualTo("lamp-1");
        });
    }

    @Test
    void thingNameOverridesTheClientId() {
        this.runner.withPropertyValues("aws.iot.mqtt5.iot.thing-name=lamp-7")
            .run((context) -> assertThat(context.getBean(ShadowClient.class).thingName()).isEqualTo("lamp-7"));
    }

    @Test
    void aBudgetAboveIotCoresFiftyFailsNamingTheProperty() {
        this.runner.withPropertyValues("aws.iot.mqtt5.iot.max-request-response-subscriptions=30",
                "aws.iot.mqtt5.iot.max-streaming-subscriptions=30")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(propertyFailure(context.getStartupFailure()))
                    .hasMessageContaining("aws.iot.mqtt5.iot.max-request-response-subscriptions")
                    .hasMessageContaining("must not exceed 50");
            });
    }

    @Test
    void withoutAClientIdTheContextStartsAndOnlyAskingForTheThingSaysWhatToSet() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class, Mqtt5AwsIotAutoConfiguration.class))
            .withPropertyValues("aws.iot.mqtt5.auto-startup=false", "aws.iot.mqtt5.endpoint=localhost")
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(AwsIotServices.class);
                assertThat(context.getBean(AwsIotThing.class).isKnown()).isFalse();
                assertThatThrownBy(() -> context.getBean(ShadowClient.class)).rootCause()
                    .hasMessageContaining("aws.iot.mqtt5.iot.thing-name");
            });
    }

    private static Throwable propertyFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidMqtt5PropertyException) {
                return t;
            }
        }
        throw new AssertionError("no InvalidMqtt5PropertyException in " + failure, failure);
    }

    @Test
    void withoutTheServicesLibraryNothingIsConfigured() {
        this.runner.withClassLoader(new FilteredClassLoader(AwsIotServices.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(AwsIotHandlerRegistry.class)
                .doesNotHaveBean(AwsIotThing.class));
    }
}
