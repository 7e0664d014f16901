package dev.mqtt5.spring.autoconfigure;

/** How a client that authenticates with an AWS IoT custom authorizer reaches the endpoint. */
public enum AwsCustomAuthorizerTransport {

    /** MQTT over TLS on port 443 with ALPN protocol {@code mqtt}. */
    DIRECT,

    /** MQTT over WebSocket over TLS on port 443. */
    WEBSOCKET
}
