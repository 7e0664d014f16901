package dev.mqtt5.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.config.FlowControlOptions;
import dev.mqtt5.client.config.HttpProxyOptions;
import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.config.TopicAliasingOptions;
import dev.mqtt5.client.config.WebSocketOptions;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Maps {@link Mqtt5Properties} to the client's builders: the CONNECT packet, the options every
 * authentication method shares, and the transport of a plain broker (host, port, TLS, WebSocket).
 */
final class Mqtt5ClientOptionsMapper {

    private static final String P = "aws.iot.mqtt5.";

    private final Mqtt5Properties properties;

    private final Mqtt5ConnectionDetails connectionDetails;

    private final Mqtt5SslBundles sslBundles;

    Mqtt5ClientOptionsMapper(Mqtt5Properties properties, Mqtt5ConnectionDetails connectionDetails,
            Mqtt5SslBundles sslBundles) {
        this.properties = properties;
        this.connectionDetails = connectionDetails;
        this.sslBundles = sslBundles;
    }

    /** The broker's host name, required. */
    String endpoint() {
        String endpoint = this.connectionDetails.getEndpoint();
        if (!StringUtils.hasText(endpoint)) {
            throw new InvalidMqtt5PropertyException(P + "endpoint", "is required",
                    "Set it to the broker's host name (for AWS IoT Core, the output of 'aws iot describe-endpoint "
                            + "--endpoint-type iot:Data-ATS'), or add mqtt5-spring-boot-test and set "
                            + "aws.iot.mqtt5.embedded-broker.enabled=true for a local broker.");
        }
        return endpoint;
    }

    /** Fills the CONNECT packet: identity, keep-alive, session, limits, user properties and will. */
    void applyConnect(ConnectPacket.Builder connect, boolean brokerCredentials) {
        PropertyMapper map = PropertyMapper.get();
        Mqtt5Properties p = this.properties;
        map.from(p::getClientId).to(connect::clientId);
        map.from(p::getKeepAlive).to(connect::keepAlive);
        if (brokerCredentials) {
            map.from(this.connectionDetails::getUsername).whenHasText().to(connect::username);
            map.from(this.connectionDetails::getPassword).as((password) -> password.getBytes(StandardCharsets.UTF_8))
                .to(connect::password);
        }
        map.from(p::getSessionExpiry).to(connect::sessionExpiryInterval);
        map.from(p::getReceiveMaximum).to(connect::receiveMaximum);
        map.from(p::getMaximumPacketSize).as(DataSize::toBytes).to(connect::maximumPacketSize);
        map.from(p.getTopicAliasing()::getInboundMaximum).to(connect::topicAliasMaximum);
        p.getUserProperties().forEach(connect::userProperty);
        Mqtt5WillProperties will = p.getWill();
        if (StringUtils.hasText(will.getTopic())) {
            PublishPacket.Builder message = PublishPacket.builder().topic(will.getTopic());
            map.from(will::getPayload).to(message::payload);
            map.from(will::getQos).to(message::qos);
            message.retain(will.isRetain());
            map.from(will::getMessageExpiry).to(message::messageExpiryInterval);
            map.from(will::getContentType).whenHasText().to(message::contentType);
            connect.will(message.build());
            map.from(will::getDelay).to(connect::willDelayInterval);
        }
    }

    /**
     * The session behaviour set, or the one the other properties ask for: a fixed client id with a
     * session that outlives the connection means the application wants that session back after
     * a restart, which only rejoin-always gives on the first connection of a new process.
     */
    static SessionBehavior sessionBehavior(Mqtt5Properties p) {
        if (p.getSessionBehavior() != null) {
            return p.getSessionBehavior();
        }
        boolean persistent = p.getSessionExpiry() != null && p.getSessionExpiry().compareTo(Duration.ZERO) > 0
                && StringUtils.hasText(p.getClientId());
        return persistent ? SessionBehavior.REJOIN_ALWAYS : SessionBehavior.REJOIN_POST_SUCCESS;
    }

    /** Applies the options every authentication method shares. */
    void applyOptions(Mqtt5ClientOptions.Builder builder) {
        PropertyMapper map = PropertyMapper.get();
        Mqtt5Properties p = this.properties;
        builder.sessionBehavior(sessionBehavior(p));
        map.from(p::getOfflineQueueBehavior).to(builder::offlineQueueBehavior);
        map.from(p::getPoisonOperationLimit).to(builder::poisonOperationLimit);
        builder.allowDiscouragedCharacters(p.isAllowDiscouragedCharacters());
        builder.acknowledgeUnroutedPublishes(p.isAcknowledgeUnroutedPublishes());
        Mqtt5ReconnectProperties reconnect = p.getReconnect();
        ReconnectOptions.Builder backoff = ReconnectOptions.builder();
        map.from(reconnect::getMinDelay).to(backoff::minDelay);
        map.from(reconnect::getMaxDelay).to(backoff::maxDelay);
        map.from(reconnect::getJitter).to(backoff::jitterMode);
        map.from(reconnect::getResetAfter).to(backoff::resetAfter);
        builder.reconnectOptions(backoff.build());
        Mqtt5TimeoutProperties timeouts = p.getTimeouts();
        map.from(timeouts::getConnect).to(builder::socketConnectTimeout);
        map.from(timeouts::getConnack).to(builder::connackTimeout);
        map.from(timeouts::getPing).to(builder::pingTimeout);
        map.from(timeouts::getAck).to(builder::operationTimeout);
        builder.topicAliasing(topicAliasing(p.getTopicAliasing()));
        // Unset: the AWS builder keeps IoT Core's limits, a plain broker's client none.
        map.from(p.getFlowControl()::getEnabled).as((enabled) -> flowControl(enabled, p.getFlowControl()))
            .to(builder::flowControl);
    }

    /** The broker's port from the connection details, or {@code null} for the transport's default. */
    Integer port() {
        return this.connectionDetails.getPort();
    }

    /** Applies host, port, TLS and WebSocket for a plain broker. */
    void applyBrokerTransport(Mqtt5ClientOptions.Builder builder) {
        Mqtt5TlsProperties tls = this.properties.getTls();
        Integer port = this.connectionDetails.getPort();
        boolean webSocket = this.properties.getWebsocket().isEnabled();
        boolean useTls = (tls.getEnabled() != null) ? tls.getEnabled()
                : tls.getCa() != null || tls.getClientCertificate() != null || StringUtils.hasText(tls.getBundle())
                        || !tls.getAlpn().isEmpty()
                        || (port != null && (port == 8883 || port == 443));
        builder.hostName(endpoint());
        builder.port((port != null) ? port : defaultPort(useTls, webSocket));
        if (useTls) {
            builder.tls(tlsOptions(tls, this.sslBundles));
        }
        if (webSocket) {
            builder.webSocket(webSocketOptions(this.properties.getWebsocket()));
        }
    }

    static int defaultPort(boolean tls, boolean webSocket) {
        if (webSocket) {
            return tls ? 443 : 80;
        }
        return tls ? 8883 : 1883;
    }

    static TlsOptions tlsOptions(Mqtt5TlsProperties tls, Mqtt5SslBundles sslBundles) {
        PropertyMapper map = PropertyMapper.get();
        TlsOptions.Builder builder = TlsOptions.builder();
        if (StringUtils.hasText(tls.getBundle())) {
            sslBundles.get(tls.getBundle(), P + "tls.bundle").applyTo(builder, true);
        }
        map.from(tls::getCa).as((ca) -> PemResources.certificates(ca, P + "tls.ca")).to(builder::trustedCertificates);
        if (tls.getClientCertificate() != null) {
            List<X509Certificate> chain = PemResources.certificates(tls.getClientCertificate(),
                    P + "tls.client-certificate");
            PrivateKey key = PemResources.privateKey(tls.getClientPrivateKey(), P + "tls.client-private-key");
            PemResources.checkPair(chain.get(0), key, P + "tls.client-certificate", P + "tls.client-private-key");
            builder.clientCertificate(key, chain.toArray(X509Certificate[]::new));
        }
        map.from(tls::getAlpn).whenNot(List::isEmpty).as(ArrayList::new).to(builder::alpnProtocols);
        map.from(tls::getServerName).whenHasText().to(builder::serverName);
        builder.hostnameVerification(tls.isHostnameVerification());
        map.from(tls::getHandshakeTimeout).to(builder::handshakeTimeout);
        return builder.build();
    }

    /**
     * Maps {@code aws.iot.mqtt5.proxy.*} to the client's proxy options, for every authentication
     * method; TLS to the proxy trusts {@code proxy.ca}, else the JVM's trust store.
     *
     * @return the proxy options, or {@code null} without {@code proxy.host}
     */
    static HttpProxyOptions proxyOptions(Mqtt5ProxyProperties proxy) {
        if (!StringUtils.hasText(proxy.getHost())) {
            return null;
        }
        HttpProxyOptions.Builder builder = HttpProxyOptions.builder(proxy.getHost(), proxy.getPort());
        if (StringUtils.hasText(proxy.getUsername())) {
            builder.basicAuthentication(proxy.getUsername(), proxy.getPassword());
        }
        if (proxy.isTls()) {
            TlsOptions.Builder tls = TlsOptions.builder();
            PropertyMapper.get().from(proxy::getCa).as((ca) -> PemResources.certificates(ca, P + "proxy.ca"))
                .to(tls::trustedCertificates);
            builder.tls(tls.build());
        }
        return builder.build();
    }

    private static WebSocketOptions webSocketOptions(Mqtt5WebSocketProperties webSocket) {
        PropertyMapper map = PropertyMapper.get();
        WebSocketOptions.Builder builder = WebSocketOptions.builder();
        map.from(webSocket::getPath).whenHasText().to(builder::path);
        map.from(webSocket::getHandshakeTimeout).to(builder::handshakeTimeout);
        return builder.build();
    }

    private static TopicAliasingOptions topicAliasing(Mqtt5TopicAliasingProperties aliasing) {
        return switch (aliasing.getOutbound()) {
            case DISABLED -> TopicAliasingOptions.disabled();
            case MANUAL -> TopicAliasingOptions.manual();
            case LRU -> TopicAliasingOptions.lru(aliasing.getCacheSize());
        };
    }

    private static FlowControlOptions flowControl(boolean enabled, Mqtt5FlowControlProperties flowControl) {
        if (!enabled) {
            return FlowControlOptions.disabled();
        }
        if (flowControl.getPublishesPerSecond() == null && flowControl.getBytesPerSecond() == null) {
            return FlowControlOptions.iotCore();
        }
        FlowControlOptions iotCore = FlowControlOptions.iotCore();
        int publishes = (flowControl.getPublishesPerSecond() != null) ? flowControl.getPublishesPerSecond()
                : iotCore.publishesPerSecond();
        int bytes = (flowControl.getBytesPerSecond() != null) ? flowControl.getBytesPerSecond()
                : iotCore.bytesPerSecond();
        return FlowControlOptions.of(publishes, bytes);
    }
}
