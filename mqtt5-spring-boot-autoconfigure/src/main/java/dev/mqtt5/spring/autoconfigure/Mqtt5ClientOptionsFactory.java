package dev.mqtt5.spring.autoconfigure;

import java.util.List;
import java.util.function.Consumer;

import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.PublishObserver;
import dev.mqtt5.client.PublishReceivedListener;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.ConnectPacket;

import org.springframework.util.StringUtils;

/**
 * Builds the client's options: provisions first when {@code provisioning.*} asks for it,
 * validates the properties, picks the plain or the AWS path by authentication method (checking
 * its optional libraries first), installs the listeners, then applies the customizers.
 */
final class Mqtt5ClientOptionsFactory {

    private Mqtt5ClientOptionsFactory() {
    }

    /**
     * @param sigV4Credentials starts the SigV4 builders, {@code null} without the AWS SDK
     * @param sslBundles resolves {@code tls.bundle} and {@code mtls.bundle}
     * @param classLoader the context's class loader, which must see the method's optional libraries
     */
    static Mqtt5ClientOptions create(Mqtt5Properties properties, Mqtt5ConnectionDetails connectionDetails,
            LifecycleListener lifecycleListener, PublishReceivedListener publishReceivedListener,
            PublishObserver publishObserver, List<Mqtt5ClientCustomizer> customizers, AwsSigV4Credentials sigV4Credentials,
            Mqtt5SslBundles sslBundles, ClassLoader classLoader) {
        if (StringUtils.hasText(properties.getProvisioning().getTemplateName())) {
            AuthenticationLibraries.requireProvisioning(properties.getProvisioning(), classLoader);
            FleetProvisioningAtStartup.prepare(properties, (listener) -> build(properties, connectionDetails, listener,
                    null, publishObserver, List.of(), sigV4Credentials, sslBundles, classLoader));
        }
        return build(properties, connectionDetails, lifecycleListener, publishReceivedListener, publishObserver,
                customizers, sigV4Credentials, sslBundles, classLoader);
    }

    private static Mqtt5ClientOptions build(Mqtt5Properties properties, Mqtt5ConnectionDetails connectionDetails,
            LifecycleListener lifecycleListener, PublishReceivedListener publishReceivedListener,
            PublishObserver publishObserver, List<Mqtt5ClientCustomizer> customizers, AwsSigV4Credentials sigV4Credentials,
            Mqtt5SslBundles sslBundles, ClassLoader classLoader) {
        AuthenticationMethod method = Mqtt5PropertiesValidator.validate(properties);
        AuthenticationLibraries.require(method, classLoader);
        Mqtt5ClientOptionsMapper mapper = new Mqtt5ClientOptionsMapper(properties, connectionDetails, sslBundles);
        String endpoint = mapper.endpoint();
        boolean brokerCredentials = method != AuthenticationMethod.CUSTOM_AUTHORIZER;
        Consumer<ConnectPacket.Builder> connect = (builder) -> mapper.applyConnect(builder, brokerCredentials);
        Consumer<Mqtt5ClientOptions.Builder> options = (builder) -> {
            mapper.applyOptions(builder);
            builder.lifecycleListener(lifecycleListener);
            if (publishReceivedListener != null) {
                builder.publishReceivedListener(publishReceivedListener);
            }
            builder.publishObserver(publishObserver);
            customizers.forEach((customizer) -> customizer.customize(builder));
        };
        try {
            if (method.isAws()) {
                return new AwsAuthenticationMapper(properties, sigV4Credentials, sslBundles, classLoader).build(method,
                        endpoint, mapper.port(), connect, options);
            }
            Mqtt5ClientOptions.Builder builder = Mqtt5ClientOptions.builder();
            mapper.applyBrokerTransport(builder);
            builder.httpProxy(Mqtt5ClientOptionsMapper.proxyOptions(properties.getProxy()));
            ConnectPacket.Builder connectPacket = ConnectPacket.builder();
            connect.accept(connectPacket);
            builder.connectOptions(connectPacket.build());
            options.accept(builder);
            return builder.build();
        } catch (IllegalArgumentException ex) {
            // The client's builders name the field in their own terms; values they reject are not secrets.
            throw new InvalidMqtt5PropertyException("aws.iot.mqtt5", "the client rejected a value: " + ex.getMessage(),
                    "Correct the aws.iot.mqtt5.* property that sets it (see the message).", ex);
        }
    }
}
