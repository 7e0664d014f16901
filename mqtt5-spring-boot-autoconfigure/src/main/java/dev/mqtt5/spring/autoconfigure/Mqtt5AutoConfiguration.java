package dev.mqtt5.spring.autoconfigure;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.PublishReceivedListener;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the MQTT 5 client: binds
 * {@link Mqtt5Properties}, builds the {@link Mqtt5Client} bean (adjusted by
 * {@link Mqtt5ClientCustomizer} beans, connected where {@link Mqtt5ConnectionDetails} says) and
 * ties its lifecycle to the context through {@link Mqtt5ClientLifecycle} (when there is a single
 * client bean; applications that define several start and stop them themselves).
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnClass(Mqtt5Client.class)
@EnableConfigurationProperties(Mqtt5Properties.class)
public final class Mqtt5AutoConfiguration {

    Mqtt5AutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(Mqtt5ConnectionDetails.class)
    PropertiesMqtt5ConnectionDetails mqtt5ConnectionDetails(Mqtt5Properties properties) {
        return new PropertiesMqtt5ConnectionDetails(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    Mqtt5ConnectionTracker mqtt5ConnectionTracker(ObjectProvider<LifecycleListener> lifecycleListeners,
            ObjectProvider<PublishReceivedListener> publishReceivedListeners) {
        return new Mqtt5ConnectionTracker(lifecycleListeners, publishReceivedListeners);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Mqtt5Client mqtt5Client(Mqtt5Properties properties, Mqtt5ConnectionDetails connectionDetails,
            Mqtt5ConnectionTracker tracker, ObjectProvider<Mqtt5ClientCustomizer> customizers,
            ObjectProvider<AwsSigV4Credentials> sigV4Credentials, ObjectProvider<SslBundles> sslBundles,
            ResourceLoader resourceLoader, ListableBeanFactory beanFactory) {
        Mqtt5SslBundles bundles = new Mqtt5SslBundles(sslBundles.getIfAvailable());
        // The client-wide listener only for the application's listener beans (counted by name, not
        // made yet): without one, a publish no handler takes is not acknowledged (see
        // aws.iot.mqtt5.acknowledge-unrouted-publishes) rather than acknowledged by an empty fan-out.
        boolean applicationListeners = beanFactory.getBeanNamesForType(PublishReceivedListener.class, true, false).length > 0;
        Mqtt5ClientOptions options = Mqtt5ClientOptionsFactory.create(properties, connectionDetails,
                tracker.lifecycleListener(), applicationListeners ? tracker.publishReceivedListener() : null,
                tracker.publishObserver(),
                customizers.orderedStream().toList(),
                sigV4Credentials.getIfAvailable(), bundles, resourceLoader.getClassLoader());
        Mqtt5Client client = new Mqtt5Client(options);
        tracker.track(client);
        if (properties.getTls().isReconnectOnBundleUpdate()) {
            bundles.reconnectOnReload(client);
        }
        return client;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(Mqtt5Client.class)
    Mqtt5ClientLifecycle mqtt5ClientLifecycle(Mqtt5Client client, Mqtt5ConnectionTracker tracker,
            Mqtt5Properties properties) {
        return new Mqtt5ClientLifecycle(client, tracker, properties);
    }

    /**
     * The credentials of the SigV4 methods, only with the AWS SDK on the classpath: an
     * {@link AwsCredentialsProvider} bean of the application (Spring Cloud AWS defines one) signs
     * the WebSocket handshake, else the SDK's default chain.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "software.amazon.awssdk.auth.credentials.AwsCredentialsProvider")
    static class AwsSdkConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AwsSigV4Credentials mqtt5AwsSigV4Credentials(ObjectProvider<AwsCredentialsProvider> credentialsProviders) {
            return new AwsSigV4Credentials(credentialsProviders);
        }
    }
}
