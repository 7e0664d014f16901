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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * Turns {@link TlsOptions} into a client {@link SslContext} once, then into one {@link SslHandler}
 * per connection. The context holds the key and trust managers of the options' factories, which
 * the JDK asks in each handshake; but it also caches TLS sessions for resumption, and a resumed
 * session skips the client certificate: after the managers' material changed (a rotated
 * certificate), the cached sessions are dropped, so that the next handshake presents the new one.
 */
final class TlsHandlerFactory {

    /** The key types a client certificate may have, as the JDK names them to key managers. */
    private static final List<String> KEY_TYPES = List.of("RSA", "EC", "RSASSA-PSS", "EdDSA");

    private final TlsOptions options;
    private final SslContext context;
    /** The certificates the factories' managers presented and trusted at the last new handler. */
    private List<X509Certificate> material;

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
        if (!options.cipherSuites().isEmpty()) {
            builder.ciphers(options.cipherSuites());
        }
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
        forgetSessionsAfterRotation();
        String peerHost = options.serverName().orElse(host);
        SslHandler handler = options.handshakeTaskExecutor().isPresent()
                ? context.newHandler(alloc, peerHost, port, options.handshakeTaskExecutor().get())
                : context.newHandler(alloc, peerHost, port);
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

    /** Drops the cached TLS sessions when the managers' certificates differ from the last handler's. */
    private synchronized void forgetSessionsAfterRotation() {
        if (options.keyManagerFactory().isEmpty() && options.trustManagerFactory().isEmpty()) {
            return; // fixed material: nothing can change under this context
        }
        List<X509Certificate> current = currentMaterial();
        if (material != null && !material.equals(current)) {
            SSLSessionContext sessions = context.sessionContext();
            for (Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements(); ) {
                SSLSession session = sessions.getSession(ids.nextElement());
                if (session != null) {
                    session.invalidate();
                }
            }
        }
        material = current;
    }

    private List<X509Certificate> currentMaterial() {
        List<X509Certificate> current = new ArrayList<>();
        options.keyManagerFactory().ifPresent(factory -> {
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509KeyManager keys) {
                    for (String type : KEY_TYPES) {
                        String[] aliases = keys.getClientAliases(type, null);
                        for (String alias : aliases != null ? aliases : new String[0]) {
                            X509Certificate[] chain = keys.getCertificateChain(alias);
                            if (chain != null && chain.length > 0) {
                                current.add(chain[0]);
                            }
                        }
                    }
                }
            }
        });
        options.trustManagerFactory().ifPresent(factory -> {
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager trust) {
                    current.addAll(Arrays.asList(trust.getAcceptedIssuers()));
                }
            }
        });
        return current;
    }
}
