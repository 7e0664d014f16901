package dev.mqtt5.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

class TransportOptionsTest {

    @Test
    void tlsOptionsDefaultToJvmTrustHostnameVerificationAndModernProtocols() {
        TlsOptions tls = TlsOptions.builder().build();

        assertThat(tls.trustedCertificates()).isEmpty();
        assertThat(tls.trustManagerFactory()).isEmpty();
        assertThat(tls.hostnameVerification()).isTrue();
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(tls.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(tls.alpnProtocols()).isEmpty();
        assertThat(tls.serverName()).isEmpty();
    }

    @Test
    void tlsOptionsRejectTwoSourcesOfTrustAndNameTheFieldOfABadValue() throws Exception {
        var certificate = dev.mqtt5.client.testing.TestCertificates.get().ca().certificate();
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());

        assertThatThrownBy(() -> TlsOptions.builder().trustedCertificates(certificate).trustManagerFactory(factory).build())
                .hasMessageContaining("trustedCertificates").hasMessageContaining("trustManagerFactory");
        assertThatThrownBy(() -> TlsOptions.builder().handshakeTimeout(Duration.ZERO))
                .hasMessageStartingWith("handshakeTimeout must be positive");
        assertThatThrownBy(() -> TlsOptions.builder().protocols(List.of())).hasMessage("protocols must not be empty");
        assertThatThrownBy(() -> TlsOptions.builder().serverName(" ")).hasMessage("serverName must not be blank");
    }

    @Test
    void webSocketOptionsDefaultToMqttPathAndSubprotocolAndValidateThePath() {
        WebSocketOptions ws = WebSocketOptions.builder().build();

        assertThat(ws.path()).isEqualTo("/mqtt");
        assertThat(ws.subprotocol()).isEqualTo("mqtt");
        assertThat(ws.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ws.handshakeTransformer()).isEmpty();
        assertThatThrownBy(() -> WebSocketOptions.builder().path("mqtt"))
                .hasMessageStartingWith("webSocket path must start with '/'");
        assertThat(WebSocketOptions.builder().path("/mqtt?x=1").headers(Map.of("A", "b")).build().headers())
                .containsEntry("A", "b");
    }

    @Test
    void handshakeRequestCopiesAreModifiedWithoutChangingTheOriginal() {
        WebSocketHandshakeRequest original = WebSocketHandshakeRequest.builder("example.com", 443).secure(true)
                .addHeader("X-A", "1").build();

        WebSocketHandshakeRequest signed = original.withPath("/mqtt?X-Amz-Signature=abc").withHeader("x-a", "2");

        assertThat(original.path()).isEqualTo("/mqtt");
        assertThat(original.headers()).containsEntry("X-A", List.of("1"));
        assertThat(signed.uri()).isEqualTo("wss://example.com:443/mqtt?X-Amz-Signature=abc");
        assertThat(signed.headers()).containsExactly(Map.entry("x-a", List.of("2")));
        assertThat(signed.toBuilder().build()).isEqualTo(signed);
    }
}
