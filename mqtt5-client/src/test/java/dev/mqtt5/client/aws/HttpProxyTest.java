package dev.mqtt5.client.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.config.HttpProxyOptions;
import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.testing.LoopbackService;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import dev.mqtt5.client.testing.TestCertificates;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Every connection method through real proxies: tinyproxy with basic authentication, stunnel for TLS to it, and SOCKS5. */
@ExtendWith(MosquittoExtension.class)
class HttpProxyTest {

    private static final String PROXY_USER = "proxyuser";
    private static final String PROXY_PASSWORD = "Pr0xy-Pa55";

    private final AwsClients clients = new AwsClients();

    @AfterEach
    void close() {
        clients.close();
    }

    private static X509Certificate ca() {
        return TestCertificates.get().ca().certificate();
    }

    private static AwsIotMqtt5ClientBuilder mtls(MosquittoBroker broker) throws Exception {
        KeyPair keys = ClientIdentities.ec();
        return AwsIotMqtt5ClientBuilder.mtlsFromMemory("localhost",
                ClientIdentities.pem(ClientIdentities.clientCertificate(keys.getPublic())),
                ClientIdentities.pkcs8(keys.getPrivate())).port(broker.mtlsPort()).trustedCertificates(ca());
    }

    private static HttpProxyOptions.Builder proxy(LoopbackService tinyproxy) {
        return HttpProxyOptions.builder("127.0.0.1", tinyproxy.port()).basicAuthentication(PROXY_USER, PROXY_PASSWORD);
    }

    @Test
    void mutualTlsThroughHttpProxyWithBasicAuthentication(MosquittoBroker broker) throws Exception {
        try (LoopbackService tinyproxy = LoopbackService.tinyproxy(PROXY_USER, PROXY_PASSWORD, List.of(broker.mtlsPort()))) {
            clients.connectAndRoundTrip(mtls(broker).httpProxy(proxy(tinyproxy).build()));
            assertThat(tinyproxy.log()).contains("CONNECT");
        }
    }

    @Test
    void mutualTlsThroughHttpProxyReachedOverTls(MosquittoBroker broker) throws Exception {
        try (LoopbackService tinyproxy = LoopbackService.tinyproxy(PROXY_USER, PROXY_PASSWORD, List.of(broker.mtlsPort()));
                LoopbackService stunnel = LoopbackService.stunnel(tinyproxy.port())) {
            HttpProxyOptions overTls = HttpProxyOptions.builder("localhost", stunnel.port())
                    .basicAuthentication(PROXY_USER, PROXY_PASSWORD)
                    .tls(TlsOptions.builder().trustedCertificates(ca()).build()).build();
            clients.connectAndRoundTrip(mtls(broker).httpProxy(overTls));
            assertThat(tinyproxy.log()).contains("CONNECT");
        }
    }

    @Test
    void sigV4WebSocketThroughHttpProxy(MosquittoBroker broker) throws Exception {
        try (SigV4Gateway gateway = new SigV4Gateway("us-east-1", broker.wsPort());
                LoopbackService tinyproxy = LoopbackService.tinyproxy(PROXY_USER, PROXY_PASSWORD, List.of(gateway.port()))) {
            gateway.allow("ASIAPROXY", "proxy-secret", "proxy-session");
            clients.connectAndRoundTrip(AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning("localhost", "us-east-1",
                    () -> AwsSessionCredentials.create("ASIAPROXY", "proxy-secret", "proxy-session"))
                    .port(gateway.port()).options(o -> o.tls(null)).httpProxy(proxy(tinyproxy).build()));
            assertThat(gateway.accepted).hasSize(1);
        }
    }

    @Test
    void customAuthorizerOverWebSocketThroughHttpProxy(MosquittoBroker broker) throws Exception {
        try (LoopbackService tinyproxy = LoopbackService.tinyproxy(PROXY_USER, PROXY_PASSWORD, List.of(broker.wssPort()))) {
            clients.connectAndRoundTrip(AwsIotMqtt5ClientBuilder.websocketsWithCustomAuthorizer("localhost", "A", "u",
                    new byte[] {1, 2}).port(broker.wssPort()).trustedCertificates(ca()).httpProxy(proxy(tinyproxy).build()));
        }
    }

    @Test
    void wrongProxyPasswordFailsNamingTheProxyWithoutThePassword(MosquittoBroker broker) throws Exception {
        try (LoopbackService tinyproxy = LoopbackService.tinyproxy(PROXY_USER, PROXY_PASSWORD, List.of(broker.mtlsPort()))) {
            String failure = clients.firstFailure(mtls(broker).httpProxy(HttpProxyOptions.builder("127.0.0.1",
                    tinyproxy.port()).basicAuthentication(PROXY_USER, "not-the-Pa55").build()));
            assertThat(failure).contains("HTTP proxy 127.0.0.1:" + tinyproxy.port()).contains("refused the credentials").contains("httpProxy basicAuthentication")
                    .doesNotContain("not-the-Pa55");
        }
    }

    @Test
    void mutualTlsThroughSocks5ProxyWithAuthentication(MosquittoBroker broker) throws Exception {
        try (Socks5Server socks = new Socks5Server("sockuser", "sock-pass")) {
            clients.connectAndRoundTrip(mtls(broker).httpProxy(HttpProxyOptions.builder("127.0.0.1", socks.port())
                    .type(HttpProxyOptions.Type.SOCKS5).basicAuthentication("sockuser", "sock-pass").build()));
            assertThat(socks.targets).containsExactly("localhost:" + broker.mtlsPort());
        }
    }
}
