package dev.mqtt5.client.aws;

/**
 * Performs the private-key operation of a TLS handshake for a key the JVM does not hold: a key in a
 * TPM, a secure element or a remote signing service. The client presents the certificate chain it
 * was given and, when the server asks the client to prove that it holds the key, calls
 * {@link #sign(TlsKeyOperation)} with the bytes to sign.
 *
 * <p>Called once per TLS handshake that authenticates the client (every connection attempt, unless
 * a TLS session is resumed), never on the client's callback executor. The handshake waits for the
 * result, within the TLS handshake timeout. Which thread calls depends on the TLS version, as the
 * JDK decides it: with TLS 1.2 a thread of {@link TlsKeyOperations#handshakeExecutor()} (the AWS
 * builder sets it), so the handler may block; with TLS 1.3 the JDK signs while it reads the
 * server's last handshake message, on the connection's I/O thread, which other connections of the
 * JVM share: there, a handler that takes long (tens of milliseconds or more) delays them, and
 * restricting the connection to TLS 1.2 ({@code TlsOptions.Builder.protocols}) moves it off. It
 * may be called for several connections at once and must be thread-safe.
 *
 * @see AwsIotMqtt5ClientBuilder#mtlsWithCustomKeyOperations(String, TlsKeyOperationHandler, java.security.cert.X509Certificate...)
 */
@FunctionalInterface
public interface TlsKeyOperationHandler {

    /**
     * Signs {@link TlsKeyOperation#data()} (or its {@link TlsKeyOperation#digest()}, for devices
     * that sign digests) with the private key of the presented certificate.
     *
     * @param operation what to sign and with which algorithm
     * @return the signature in the JCA format of {@link TlsKeyOperation#algorithm()}: for ECDSA the
     *     DER-encoded {@code (r, s)} sequence, for RSA the raw signature bytes
     * @throws Exception when the key cannot sign; the handshake fails and the connection attempt
     *     reports it (the message is kept, so it must not contain secrets)
     */
    byte[] sign(TlsKeyOperation operation) throws Exception;
}
