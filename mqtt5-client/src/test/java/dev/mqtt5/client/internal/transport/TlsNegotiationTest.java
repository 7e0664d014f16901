package dev.mqtt5.client.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.testing.TestCertificates;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsNegotiationTest extends TransportTestSupport {

    private final TestCertificates certs = TestCertificates.get();

    @BeforeAll
    static void start() {
        startLoops();
    }

    @AfterAll
    static void stop() {
        stopLoops();
    }

    private TlsOptions.Builder trustingTestCa() {
        return TlsOptions.builder().trustedCertificates(certs.ca().certificate());
    }

    @Test
    void sendsTheHostNameWithSniAndNegotiatesTheConfiguredAlpnProtocol() throws Exception {
        try (TlsTestServer server = new TlsTestServer(certs.server(), List.of("x-amzn-mqtt-ca"))) {
            TlsOptions tls = trustingTestCa().alpnProtocols(List.of("x-amzn-mqtt-ca")).build();

            assertThat(connAckReasonCode(TransportSettings.tcp("localhost", server.port()).withTls(tls))).isZero();
            assertThat(server.sniHostName.get(5, TimeUnit.SECONDS)).isEqualTo("localhost");
            assertThat(server.alpnProtocol.get(5, TimeUnit.SECONDS)).isEqualTo("x-amzn-mqtt-ca");
        }
    }

    @Test
    void sendsNoSniAndNoAlpnForAnIpLiteralByDefault() throws Exception {
        try (TlsTestServer server = new TlsTestServer(certs.server(), List.of("x-amzn-mqtt-ca"))) {
            assertThat(connAckReasonCode(TransportSettings.tcp("127.0.0.1", server.port())
                    .withTls(trustingTestCa().build()))).isZero();
            assertThat(server.sniHostName.get(5, TimeUnit.SECONDS)).isEqualTo("<none>");
            assertThat(server.alpnProtocol.get(5, TimeUnit.SECONDS)).isEqualTo("<none>");
        }
    }

    @Test
    void sendsTheConfiguredServerNameWithSniInsteadOfTheHost() throws Exception {
        try (TlsTestServer server = new TlsTestServer(certs.server(), List.of())) {
            TlsOptions tls = trustingTestCa().serverName("localhost").build();

            assertThat(connAckReasonCode(TransportSettings.tcp("127.0.0.1", server.port()).withTls(tls))).isZero();
            assertThat(server.sniHostName.get(5, TimeUnit.SECONDS)).isEqualTo("localhost");
        }
    }

    @Test
    void failsTlsHandshakeWhenServerCertificateIsForAnotherHost() throws Exception {
        try (TlsTestServer server = new TlsTestServer(certs.wrongHostServer(), List.of())) {
            Throwable failure = connectFailure(TransportSettings.tcp("127.0.0.1", server.port())
                    .withTls(trustingTestCa().build()));

            assertThat(failure).isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("TLS handshake with 127.0.0.1:" + server.port() + " failed: ")
                    .hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void acceptsServerCertificateForAnotherHostWhenHostnameVerificationIsOff() throws Exception {
        try (TlsTestServer server = new TlsTestServer(certs.wrongHostServer(), List.of())) {
            TlsOptions tls = trustingTestCa().hostnameVerification(false).build();

            assertThat(connAckReasonCode(TransportSettings.tcp("127.0.0.1", server.port()).withTls(tls))).isZero();
        }
    }

    @Test
    void verifiesTheCertificateAgainstTheConfiguredServerName() throws Exception {
        try (TlsTestServer server = new TlsTestServer(certs.wrongHostServer(), List.of())) {
            TlsOptions tls = trustingTestCa().serverName(TestCertificates.WRONG_HOST).build();

            assertThat(connAckReasonCode(TransportSettings.tcp("127.0.0.1", server.port()).withTls(tls))).isZero();
            assertThat(server.sniHostName.get(5, TimeUnit.SECONDS)).isEqualTo(TestCertificates.WRONG_HOST);
        }
    }

    @Test
    void neverPrintsKeyMaterial() {
        TlsOptions tls = trustingTestCa()
                .clientCertificate(certs.client().privateKey(), certs.client().certificate()).build();

        assertThat(tls.toString()).contains("mqtt5-test-client").doesNotContain("PRIVATE", "BEGIN")
                .doesNotContain(certs.client().privateKey().toString());
    }
}
