package dev.mqtt5.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.Resource;

/**
 * TLS settings ({@code aws.iot.mqtt5.tls}). The client certificate here is for brokers other
 * than AWS IoT Core; for AWS IoT use {@code aws.iot.mqtt5.mtls} (PEM files or an SSL bundle),
 * {@code pkcs12} or {@code pkcs11}.
 */
public class Mqtt5TlsProperties {

    /**
     * Whether to use TLS. Defaults to true when an AWS IoT authentication method, a CA, an SSL
     * bundle or a client certificate is configured, or the port is 8883 or 443.
     */
    private Boolean enabled;

    /**
     * Name of the SSL bundle (spring.ssl.bundle.*) that supplies the certificate authorities to
     * trust (its trust store; the JVM's without one) and, when it has a key store, the client
     * certificate for mutual TLS, as well as its protocols and ciphers. Replaces tls.ca,
     * tls.client-certificate and tls.client-private-key. When the bundle is reloaded
     * (reload-on-update), new connection attempts use the new material.
     */
    private String bundle;

    /**
     * Whether to close the connection and reconnect at once when the SSL bundle of tls.bundle or
     * mtls.bundle is reloaded, so that the new client certificate is in use within moments and the
     * old one can be revoked. Queued and unacknowledged operations are kept. When false, the
     * connection stays up and the next connection attempt uses the new material.
     */
    private boolean reconnectOnBundleUpdate;

    /**
     * Location of the PEM file of the certificate authorities to trust, such as
     * 'classpath:AmazonRootCA1.pem'. Defaults to the JVM's trust store.
     */
    private Resource ca;

    /**
     * ALPN protocols to offer, such as 'x-amzn-mqtt-ca' for mutual TLS on port 443 or 'mqtt'
     * for custom authorizers on port 443.
     */
    private List<String> alpn = new ArrayList<>();

    /**
     * Server name (SNI) to send instead of the endpoint.
     */
    private String serverName;

    /**
     * Whether to check that the server certificate matches the endpoint.
     */
    private boolean hostnameVerification = true;

    /**
     * Location of the PEM client certificate (and chain) for mutual TLS with a plain broker.
     * Requires tls.client-private-key.
     */
    private Resource clientCertificate;

    /**
     * Location of the unencrypted PEM private key of tls.client-certificate: PKCS#8, PKCS#1 (RSA)
     * or SEC 1 (EC).
     */
    private Resource clientPrivateKey;

    /**
     * Time allowed for the TLS handshake.
     */
    private Duration handshakeTimeout;

    public Boolean getEnabled() {
        return this.enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getBundle() {
        return this.bundle;
    }

    public void setBundle(String bundle) {
        this.bundle = bundle;
    }

    public boolean isReconnectOnBundleUpdate() {
        return this.reconnectOnBundleUpdate;
    }

    public void setReconnectOnBundleUpdate(boolean reconnectOnBundleUpdate) {
        this.reconnectOnBundleUpdate = reconnectOnBundleUpdate;
    }

    public Resource getCa() {
        return this.ca;
    }

    public void setCa(Resource ca) {
        this.ca = ca;
    }

    public List<String> getAlpn() {
        return this.alpn;
    }

    public void setAlpn(List<String> alpn) {
        this.alpn = alpn;
    }

    public String getServerName() {
        return this.serverName;
    }

    public void setServerName(String serverName) {
        this.serverName = serverName;
    }

    public boolean isHostnameVerification() {
        return this.hostnameVerification;
    }

    public void setHostnameVerification(boolean hostnameVerification) {
        this.hostnameVerification = hostnameVerification;
    }

    public Resource getClientCertificate() {
        return this.clientCertificate;
    }

    public void setClientCertificate(Resource clientCertificate) {
        this.clientCertificate = clientCertificate;
    }

    public Resource getClientPrivateKey() {
        return this.clientPrivateKey;
    }

    public void setClientPrivateKey(Resource clientPrivateKey) {
        this.clientPrivateKey = clientPrivateKey;
    }

    public Duration getHandshakeTimeout() {
        return this.handshakeTimeout;
    }

    public void setHandshakeTimeout(Duration handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
    }
}
