package dev.mqtt5.bench.clients;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

/**
 * Where a client connects: loopback host and port, and for TLS the self-signed server certificate
 * (PEM file and parsed) that clients must trust.
 */
public record Endpoint(String host, int port, boolean tls, Path certificatePem, X509Certificate certificate) {

    public static Endpoint tcp(int port) {
        return new Endpoint("127.0.0.1", port, false, null, null);
    }

    public static Endpoint tls(int port, Path certificatePem, X509Certificate certificate) {
        return new Endpoint("127.0.0.1", port, true, certificatePem, certificate);
    }
}
