package dev.mqtt5.spring.autoconfigure;

import java.util.List;
import java.util.function.Consumer;

import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.PublishReceivedListener;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.ConnectPacket;

/**
 * Builds the client's options: validates the properties, picks the plain or the AWS path by
 * authentication method, installs the listeners, then applies the customizers.
 */
final class Mqtt5ClientOptionsFactory {

    private Mqtt5ClientOptionsFactory() {
    }

    static Mqtt5ClientOptions create(Mqtt5Properties properties, Mqtt5ConnectionDetails connectionDetails,
            LifecycleListener lifecycleListener, PublishReceivedListener publishReceivedListener,
            List<Mqtt5ClientCustomizer> customizers) {
        AuthenticationMethod method = Mqtt5PropertiesValidator.validate(properties);
        Mqtt5ClientOptionsMapper mapper = new Mqtt5ClientOptionsMapper(properties, connectionDetails);
        String endpoint = mapper.endpoint();
        boolean brokerCredentials = method != AuthenticationMethod.CUSTOM_AUTHORIZER;
        Consumer<ConnectPacket.Builder> connect = (builder) -> mapper.applyConnect(builder, brokerCredentials);
        Consumer<Mqtt5ClientOptions.Builder> options = (builder) -> {
            mapper.applyOptions(builder);
            builder.lifecycleListener(lifecycleListener);
            builder.publishReceivedListener(publishReceivedListener);
            customizers.forEach((customizer) -> customizer.customize(builder));
        };
        try {
            if (method.isAws()) {
                return AwsAuthenticationMapper.build(method, properties, endpoint, connect, options);
            }
            Mqtt5ClientOptions.Builder builder = Mqtt5ClientOptions.builder();
            mapper.applyBrokerTransport(builder);
            AwsAuthenticationMapper.applyProxy(properties.getProxy(), builder);
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
