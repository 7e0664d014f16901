package dev.mqtt5.client.internal.transport;

import dev.mqtt5.client.config.HttpProxyOptions;
import io.netty.channel.Channel;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The first handlers of a proxied connection: optional TLS to an HTTP proxy, then Netty's HTTP
 * {@code CONNECT} or SOCKS5 handler. The channel connects to the broker's unresolved address; the
 * proxy handler redirects that connect to the proxy and lets the proxy resolve the broker's name.
 */
final class ProxyTunnel {

    /** The name of the proxy handler; the broker's TLS handler goes right after it. */
    static final String HANDLER = "proxy";

    private static final String TLS_HANDLER = "proxy-tls";

    private ProxyTunnel() {
    }

    /** Resolves the proxy's own address; blocks, so it runs on the user executor. */
    static InetSocketAddress resolveProxy(HttpProxyOptions proxy) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(proxy.host()), proxy.port());
    }

    /** Installs the proxy handlers at the head of a new channel's pipeline and returns the proxy handler. */
    static ProxyHandler install(Channel channel, HttpProxyOptions proxy, InetSocketAddress proxyAddress,
            TlsHandlerFactory proxyTls) {
        ProxyHandler handler = create(proxy, proxyAddress);
        handler.setConnectTimeoutMillis(proxy.connectTimeout().toMillis());
        channel.pipeline().addFirst(HANDLER, handler);
        if (proxyTls != null) {
            SslHandler tls = proxyTls.newHandler(channel.alloc(), proxy.host(), proxy.port());
            channel.pipeline().addFirst(TLS_HANDLER, tls);
        }
        return handler;
    }

    private static ProxyHandler create(HttpProxyOptions proxy, InetSocketAddress proxyAddress) {
        String user = proxy.username().orElse(null);
        String password = proxy.password().orElse(null);
        if (proxy.type() == HttpProxyOptions.Type.SOCKS5) {
            return user == null ? new Socks5ProxyHandler(proxyAddress)
                    : new Socks5ProxyHandler(proxyAddress, user, password);
        }
        return user == null ? new HttpProxyHandler(proxyAddress)
                : new HttpProxyHandler(proxyAddress, user, password);
    }

    /** Returns {@code " (hint)"} naming the setting at fault for a recognised proxy refusal, or an empty string. */
    static String hint(Throwable failure) {
        String text = String.valueOf(failure.getMessage());
        if (text.contains("status: 407") || text.contains("status: 401") || text.contains("authStatus: FAILURE")) {
            return " (the proxy refused the credentials; check httpProxy basicAuthentication)";
        }
        if (text.contains("status: 403")) {
            return " (the proxy does not allow a tunnel to this host and port)";
        }
        return "";
    }

    /** Describes the proxy for messages: {@code HTTP proxy host:port (TLS)}. */
    static String describe(HttpProxyOptions proxy) {
        return proxy.type() + " proxy " + proxy.address() + (proxy.tls().isPresent() ? " (TLS)" : "");
    }
}
