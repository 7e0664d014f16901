package dev.mqtt5.client.internal.transport;

import dev.mqtt5.client.config.TlsOptions;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.NetUtil;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/** Turns {@link TlsOptions} into a client {@link SslContext} once, then into one {@link SslHandler} per connection. */
final class TlsHandlerFactory {

    private final TlsOptions options;
    private final SslContext context;

    private TlsHandlerFactory(TlsOptions options, SslContext context) {
        this.options = options;
        this.context = context;
    }

    static TlsHandlerFactory create(TlsOptions options) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols(options.protocols())
                .endpointIdentificationAlgorithm(options.hostnameVerification() ? "HTTPS" : null);
        if (!options.trustedCertificates().isEmpty()) {
            builder.trustManager(options.trustedCertificates().toArray(X509Certificate[]::new));
        }
        options.trustManagerFactory().ifPresent(builder::trustManager);
        if (options.clientKey().isPresent()) {
            builder.keyManager(options.clientKey().get(),
                    options.clientCertificateChain().toArray(X509Certificate[]::new));
        }
        options.keyManagerFactory().ifPresent(builder::keyManager);
        if (!options.alpnProtocols().isEmpty()) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(Protocol.ALPN,
                    SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT,
                    options.alpnProtocols()));
        }
        return new TlsHandlerFactory(options, builder.build());
    }

    /**
     * Creates the handler for a connection to {@code host:port}: SNI carries the configured server
     * name or else the host (never an IP literal), and host name verification checks the same name.
     */
    SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
        String peerHost = options.serverName().orElse(host);
        SslHandler handler = context.newHandler(alloc, peerHost, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(options.hostnameVerification() ? "HTTPS" : null);
        if (!NetUtil.isValidIpV4Address(peerHost) && !NetUtil.isValidIpV6Address(peerHost)) {
            parameters.setServerNames(List.of(new SNIHostName(peerHost)));
        }
        engine.setSSLParameters(parameters);
        handler.setHandshakeTimeoutMillis(options.handshakeTimeout().toMillis());
        return handler;
    }
}
