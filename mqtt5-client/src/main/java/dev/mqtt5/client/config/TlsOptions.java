package dev.mqtt5.client.config;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the client secures its connection with TLS: which server certificates it trusts, which
 * client certificate it presents for mutual TLS, ALPN, SNI, host name verification, protocol
 * versions, cipher suites and the handshake timeout.
 *
 * <p>Instances are immutable and thread-safe; create them with {@link #builder()}.
 * {@link #toString()} describes the configuration without ever printing key material.
 */
public final class TlsOptions {

    /** The TLS protocol versions used when none are configured: TLS 1.3 and TLS 1.2. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** The handshake timeout used when none is configured: 10 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final List<X509Certificate> trustedCertificates;
    private final TrustManagerFactory trustManagerFactory;
    private final PrivateKey clientKey;
    private final List<X509Certificate> clientCertificateChain;
    private final KeyManagerFactory keyManagerFactory;
    private final List<String> alpnProtocols;
    private final boolean hostnameVerification;
    private final String serverName;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final Duration handshakeTimeout;
    private final Executor handshakeTaskExecutor;

    private TlsOptions(Builder builder) {
        this.trustedCertificates = builder.trustedCertificates;
        this.trustManagerFactory = builder.trustManagerFactory;
        this.clientKey = builder.clientKey;
        this.clientCertificateChain = builder.clientCertificateChain;
        this.keyManagerFactory = builder.keyManagerFactory;
        this.alpnProtocols = builder.alpnProtocols;
        this.hostnameVerification = builder.hostnameVerification;
        this.serverName = builder.serverName;
        this.protocols = builder.protocols;
        this.cipherSuites = builder.cipherSuites;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.handshakeTaskExecutor = builder.handshakeTaskExecutor;
    }

    /**
     * Returns a builder whose defaults are: the JVM's default trust store, no client certificate,
     * no ALPN, host name verification on, SNI from the host name, TLS 1.3 and 1.2, a 10 s
     * handshake timeout.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the CA certificates that replace the JVM's default trust store, or an empty list
     * when none were configured.
     *
     * @return the trusted certificates, never {@code null}
     */
    public List<X509Certificate> trustedCertificates() {
        return trustedCertificates;
    }

    /**
     * Returns the trust manager factory that decides which servers to trust, if one was configured.
     *
     * @return the trust manager factory
     */
    public Optional<TrustManagerFactory> trustManagerFactory() {
        return Optional.ofNullable(trustManagerFactory);
    }

    /**
     * Returns the private key presented for mutual TLS, if a client certificate was configured.
     *
     * @return the client's private key
     */
    public Optional<PrivateKey> clientKey() {
        return Optional.ofNullable(clientKey);
    }

    /**
     * Returns the client certificate chain presented for mutual TLS (leaf first), or an empty
     * list.
     *
     * @return the client certificate chain, never {@code null}
     */
    public List<X509Certificate> clientCertificateChain() {
        return clientCertificateChain;
    }

    /**
     * Returns the key manager factory that supplies the client certificate, if one was configured.
     *
     * @return the key manager factory
     */
    public Optional<KeyManagerFactory> keyManagerFactory() {
        return Optional.ofNullable(keyManagerFactory);
    }

    /**
     * Returns the ALPN protocol names offered to the server, in preference order; empty when ALPN
     * is not used.
     *
     * @return the ALPN protocols, never {@code null}
     */
    public List<String> alpnProtocols() {
        return alpnProtocols;
    }

    /**
     * Returns whether the server certificate must match the host name (or the
     * {@linkplain #serverName() server name}) the client connects to.
     *
     * @return {@code true} when host name verification is on
     */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /**
     * Returns the SNI server name that overrides the host name, if one was configured.
     *
     * @return the server name
     */
    public Optional<String> serverName() {
        return Optional.ofNullable(serverName);
    }

    /**
     * Returns the enabled TLS protocol versions, such as {@code TLSv1.3}.
     *
     * @return the protocol versions, never empty
     */
    public List<String> protocols() {
        return protocols;
    }

    /**
     * Returns the enabled cipher suites, such as {@code TLS_AES_128_GCM_SHA256}; empty for the
     * JDK's defaults.
     *
     * @return the cipher suites, never {@code null}
     */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /**
     * Returns how long the TLS handshake may take before the connection attempt fails.
     *
     * @return the handshake timeout
     */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * Returns the executor that runs the handshake's delegated work (certificate checks, key
     * operations), if one was configured; without one it runs on the connection's I/O thread.
     *
     * @return the handshake task executor
     */
    public Optional<Executor> handshakeTaskExecutor() {
        return Optional.ofNullable(handshakeTaskExecutor);
    }

    @Override
    public String toString() {
        String trust = trustManagerFactory != null ? "trustManagerFactory"
                : trustedCertificates.isEmpty() ? "jvm-default"
                : trustedCertificates.stream().map(c -> c.getSubjectX500Principal().getName())
                        .collect(Collectors.joining("; ", "certificates[", "]"));
        String identity = keyManagerFactory != null ? "keyManagerFactory"
                : clientCertificateChain.isEmpty() ? "none"
                : "certificate[" + clientCertificateChain.get(0).getSubjectX500Principal().getName() + "]";
        return "TlsOptions{trust=" + trust + ", clientIdentity=" + identity
                + ", alpnProtocols=" + alpnProtocols + ", hostnameVerification=" + hostnameVerification
                + ", serverName=" + serverName + ", protocols=" + protocols
                + (cipherSuites.isEmpty() ? "" : ", cipherSuites=" + cipherSuites)
                + ", handshakeTimeout=" + handshakeTimeout + '}';
    }

    /** Builds {@link TlsOptions}; not thread-safe. */
    public static final class Builder {

        private List<X509Certificate> trustedCertificates = List.of();
        private TrustManagerFactory trustManagerFactory;
        private PrivateKey clientKey;
        private List<X509Certificate> clientCertificateChain = List.of();
        private KeyManagerFactory keyManagerFactory;
        private List<String> alpnProtocols = List.of();
        private boolean hostnameVerification = true;
        private String serverName;
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private List<String> cipherSuites = List.of();
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Executor handshakeTaskExecutor;

        private Builder() {
        }

        /**
         * Trusts exactly these CA certificates: they replace the JVM's default trust store.
         *
         * @param certificates one or more CA certificates
         * @return this builder
         */
        public Builder trustedCertificates(X509Certificate... certificates) {
            Objects.requireNonNull(certificates, "trustedCertificates must not be null");
            return trustedCertificates(Arrays.asList(certificates));
        }

        /**
         * Trusts exactly these CA certificates: they replace the JVM's default trust store.
         *
         * @param certificates one or more CA certificates
         * @return this builder
         */
        public Builder trustedCertificates(Collection<X509Certificate> certificates) {
            this.trustedCertificates = nonEmptyCopy(certificates, "trustedCertificates");
            return this;
        }

        /**
         * Decides which servers to trust with this factory, as an alternative to
         * {@link #trustedCertificates(X509Certificate...)}. Its trust managers are asked in every
         * TLS handshake (see {@link #keyManagerFactory(KeyManagerFactory)} for rotation).
         *
         * @param factory an initialised trust manager factory
         * @return this builder
         */
        public Builder trustManagerFactory(TrustManagerFactory factory) {
            this.trustManagerFactory = Objects.requireNonNull(factory, "trustManagerFactory must not be null");
            return this;
        }

        /**
         * Presents this key and certificate chain (leaf first) to the server for mutual TLS.
         *
         * @param key the private key of the leaf certificate
         * @param chain the certificate chain, leaf first
         * @return this builder
         */
        public Builder clientCertificate(PrivateKey key, X509Certificate... chain) {
            this.clientKey = Objects.requireNonNull(key, "clientCertificate key must not be null");
            Objects.requireNonNull(chain, "clientCertificate chain must not be null");
            this.clientCertificateChain = nonEmptyCopy(Arrays.asList(chain), "clientCertificate chain");
            return this;
        }

        /**
         * Supplies the client certificate for mutual TLS from this factory (for example one backed
         * by a PKCS#11 token or a PKCS#12 file), as an alternative to
         * {@link #clientCertificate(PrivateKey, X509Certificate...)}.
         *
         * <p>Its key managers are asked for the certificate in every TLS handshake, so key managers
         * that present another certificate after a rotation are used by the next connection
         * attempt; the client then also stops resuming TLS sessions made with the old one, which
         * would carry the old identity.
         *
         * @param factory an initialised key manager factory
         * @return this builder
         */
        public Builder keyManagerFactory(KeyManagerFactory factory) {
            this.keyManagerFactory = Objects.requireNonNull(factory, "keyManagerFactory must not be null");
            return this;
        }

        /**
         * Offers these protocol names with ALPN, in preference order (AWS IoT Core uses
         * {@code x-amzn-mqtt-ca} to carry MQTT on port 443). Empty turns ALPN off.
         *
         * @param protocols the ALPN protocol names
         * @return this builder
         */
        public Builder alpnProtocols(List<String> protocols) {
            Objects.requireNonNull(protocols, "alpnProtocols must not be null");
            protocols.forEach(p -> requireText(p, "alpnProtocols entry"));
            this.alpnProtocols = List.copyOf(protocols);
            return this;
        }

        /**
         * Sets whether the server certificate must match the host name; on by default. Turn it off
         * only for tests.
         *
         * @param enabled whether to verify the host name
         * @return this builder
         */
        public Builder hostnameVerification(boolean enabled) {
            this.hostnameVerification = enabled;
            return this;
        }

        /**
         * Sends this name with SNI instead of the host name, and verifies the server certificate
         * against it. Without it, the host name is sent, unless it is an IP literal.
         *
         * @param serverName a DNS host name
         * @return this builder
         */
        public Builder serverName(String serverName) {
            this.serverName = requireText(serverName, "serverName");
            return this;
        }

        /**
         * Enables exactly these TLS protocol versions, such as {@code TLSv1.3}.
         *
         * @param protocols the protocol versions
         * @return this builder
         */
        public Builder protocols(List<String> protocols) {
            Objects.requireNonNull(protocols, "protocols must not be null");
            if (protocols.isEmpty()) {
                throw new IllegalArgumentException("protocols must not be empty");
            }
            protocols.forEach(p -> requireText(p, "protocols entry"));
            this.protocols = List.copyOf(protocols);
            return this;
        }

        /**
         * Enables exactly these cipher suites, such as {@code TLS_AES_128_GCM_SHA256}; empty (the
         * default) keeps the JDK's.
         *
         * @param cipherSuites the cipher suite names
         * @return this builder
         */
        public Builder cipherSuites(List<String> cipherSuites) {
            Objects.requireNonNull(cipherSuites, "cipherSuites must not be null");
            cipherSuites.forEach(c -> requireText(c, "cipherSuites entry"));
            this.cipherSuites = List.copyOf(cipherSuites);
            return this;
        }

        /**
         * Sets how long the TLS handshake may take; 10 s by default.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "handshakeTimeout must not be null");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("handshakeTimeout must be positive, was " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /**
         * Runs the TLS handshake's delegated work (certificate path checks, the private-key
         * signature) on this executor instead of the connection's I/O thread, which other
         * connections share. Set it when a key or trust manager may block: a key in a TPM or a
         * secure element, a revocation check over the network. The handshake timeout still
         * applies.
         *
         * @param executor runs the handshake tasks, or {@code null} for the I/O thread
         * @return this builder
         */
        public Builder handshakeTaskExecutor(Executor executor) {
            this.handshakeTaskExecutor = executor;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         * @throws IllegalStateException if both ways of setting trust, or of setting the client
         *     certificate, were used
         */
        public TlsOptions build() {
            if (trustManagerFactory != null && !trustedCertificates.isEmpty()) {
                throw new IllegalStateException("set either trustedCertificates or trustManagerFactory, not both");
            }
            if (keyManagerFactory != null && clientKey != null) {
                throw new IllegalStateException("set either clientCertificate or keyManagerFactory, not both");
            }
            return new TlsOptions(this);
        }

        private static <T> List<T> nonEmptyCopy(Collection<T> values, String field) {
            Objects.requireNonNull(values, field + " must not be null");
            if (values.isEmpty()) {
                throw new IllegalArgumentException(field + " must not be empty");
            }
            for (T value : values) {
                Objects.requireNonNull(value, field + " must not contain null");
            }
            return List.copyOf(values);
        }

        private static String requireText(String value, String field) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " must not be blank");
            }
            return value;
        }
    }
}
