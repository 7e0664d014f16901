package dev.mqtt5.spring.autoconfigure;

import java.util.function.Consumer;

import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.packet.ConnectPacket;

/**
 * Maps the AWS IoT authentication methods and the proxy to the client. Every method here builds
 * through {@code dev.mqtt5.client.aws.AwsIotMqtt5ClientBuilder}, which this build of the client
 * library does not have yet: each throws {@link AuthenticationMethodUnavailableException} naming
 * its property group. The properties are already bound and validated
 * ({@link Mqtt5PropertiesValidator}); wiring means replacing each body with the builder call
 * named in its comment, then {@code .connectOptions(connect).options(options).buildOptions()}.
 */
final class AwsAuthenticationMapper {

    private AwsAuthenticationMapper() {
    }

    /**
     * Builds the options for an AWS IoT authentication method.
     *
     * @param method the selected method, never {@link AuthenticationMethod#BROKER}
     * @param properties the validated properties
     * @param endpoint the endpoint (from the connection details)
     * @param connect fills the CONNECT packet (client id, keep-alive, session, will...)
     * @param options applies the shared options, listeners and customizers
     * @return the client options
     */
    static Mqtt5ClientOptions build(AuthenticationMethod method, Mqtt5Properties properties, String endpoint,
            Consumer<ConnectPacket.Builder> connect, Consumer<Mqtt5ClientOptions.Builder> options) {
        return switch (method) {
            case MTLS -> mtls(properties, endpoint, connect, options);
            case PKCS12 -> pkcs12(properties, endpoint, connect, options);
            case PKCS11 -> pkcs11(properties, endpoint, connect, options);
            case SIGV4 -> sigv4(properties, endpoint, connect, options);
            case COGNITO -> cognito(properties, endpoint, connect, options);
            case CUSTOM_AUTHORIZER -> customAuthorizer(properties, endpoint, connect, options);
            case BROKER -> throw new IllegalArgumentException("a plain broker does not need the AWS builder");
        };
    }

    // mtlsFromPath(endpoint, certificate path, key path[, password]); tls.ca, tls.alpn (port 443 with
    // x-amzn-mqtt-ca) and port go through .tls(...) and .port(...).
    private static Mqtt5ClientOptions mtls(Mqtt5Properties properties, String endpoint,
            Consumer<ConnectPacket.Builder> connect, Consumer<Mqtt5ClientOptions.Builder> options) {
        throw new AuthenticationMethodUnavailableException(AuthenticationMethod.MTLS.prefix());
    }

    // mtlsWithPkcs12(endpoint, path, password.toCharArray()).
    private static Mqtt5ClientOptions pkcs12(Mqtt5Properties properties, String endpoint,
            Consumer<ConnectPacket.Builder> connect, Consumer<Mqtt5ClientOptions.Builder> options) {
        throw new AuthenticationMethodUnavailableException(AuthenticationMethod.PKCS12.prefix());
    }

    // mtlsWithPkcs11(endpoint, library, userPin, slotId | tokenLabel, privateKeyLabel, certificate path);
    // a wrong PIN must surface as InvalidMqtt5PropertyException("aws.iot.mqtt5.pkcs11.user-pin", ...).
    private static Mqtt5ClientOptions pkcs11(Mqtt5Properties properties, String endpoint,
            Consumer<ConnectPacket.Builder> connect, Consumer<Mqtt5ClientOptions.Builder> options) {
        throw new AuthenticationMethodUnavailableException(AuthenticationMethod.PKCS11.prefix());
    }

    // websocketsWithDefaultAwsSigning(endpoint, region[, AwsCredentialsProvider bean]).
    private static Mqtt5ClientOptions sigv4(Mqtt5Properties properties, String endpoint,
            Consumer<ConnectPacket.Builder> connect, Consumer<Mqtt5ClientOptions.Builder> options) {
        throw new AuthenticationMethodUnavailableException(AuthenticationMethod.SIGV4.prefix());
    }

    // websocketsWithDefaultAwsSigning(endpoint, region, new CognitoCredentialsProvider(identityId, logins)).
    private static Mqtt5ClientOptions cognito(Mqtt5Properties properties, String endpoint,
            Consumer<ConnectPacket.Builder> connect, Consumer<Mqtt5ClientOptions.Builder> options) {
        throw new AuthenticationMethodUnavailableException(AuthenticationMethod.COGNITO.prefix());
    }

    // directWithCustomAuthorizer(...) or websocketsWithCustomAuthorizer(...) by transport, with name,
    // username, password, signature, token-key-name and token-value.
    private static Mqtt5ClientOptions customAuthorizer(Mqtt5Properties properties, String endpoint,
            Consumer<ConnectPacket.Builder> connect, Consumer<Mqtt5ClientOptions.Builder> options) {
        throw new AuthenticationMethodUnavailableException(AuthenticationMethod.CUSTOM_AUTHORIZER.prefix());
    }

    /**
     * Applies {@code aws.iot.mqtt5.proxy.*} to a plain broker's options; AWS methods pass the same
     * {@code HttpProxyOptions} to {@code AwsIotMqtt5ClientBuilder.httpProxy(...)}.
     */
    // HttpProxyOptions.builder(host, port).basicAuthentication(username, password).tls(...) on the options.
    static void applyProxy(Mqtt5ProxyProperties proxy, Mqtt5ClientOptions.Builder builder) {
        if (proxy.getHost() != null) {
            throw new AuthenticationMethodUnavailableException("aws.iot.mqtt5.proxy");
        }
    }
}
