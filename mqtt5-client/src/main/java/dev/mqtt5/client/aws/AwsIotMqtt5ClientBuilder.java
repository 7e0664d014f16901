package dev.mqtt5.client.aws;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.config.FlowControlOptions;
import dev.mqtt5.client.config.HttpProxyOptions;
import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.config.WebSocketOptions;
import dev.mqtt5.client.packet.ConnectPacket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Configures an {@link Mqtt5Client} for AWS IoT Core in a few lines, with one static factory per
 * transport and authentication method, as the AWS IoT Device SDK's builder of the same name:
 *
 * <pre>{@code
 * Mqtt5Client client = AwsIotMqtt5ClientBuilder
 *         .mtlsFromPath("abc123-ats.iot.us-east-1.amazonaws.com", Path.of("device.pem.crt"), Path.of("private.pem.key"))
 *         .options(o -> o.lifecycleListener(listener))
 *         .build();
 * }</pre>
 *
 * <p>Defaults follow the SDK: port 8883 for direct mutual TLS, 443 for WebSocket and custom
 * authorizers (direct mutual TLS on 443 offers ALPN {@code x-amzn-mqtt-ca}, a direct custom
 * authorizer ALPN {@code mqtt}), keep-alive 1200 s, and a generated client id when none is set,
 * kept for every reconnect of the client. Every other client option can still be set with
 * {@link #options(Consumer)}. Files and key material are read when the factory is called, so a
 * bad path, password or PIN fails there, naming the setting. IoT Core flow control (100 publishes
 * and 512 KiB per second) is on, as in the SDK; {@link #iotCoreValidation(boolean)} is opt-in.
 *
 * <p>Optional libraries: only the SigV4 factories ({@code websocketsWithDefaultAwsSigning}) need
 * the AWS SDK ({@code software.amazon.awssdk:auth}, {@code http-auth-aws}); mutual TLS, PKCS#12,
 * PKCS#11 and custom authorizers need neither it nor Bouncy Castle, except for PEM keys the JDK
 * cannot read (PKCS#1 RSA, SEC1 EC, encrypted keys: {@code org.bouncycastle:bcpkix-jdk18on}).
 *
 * <p>Not thread-safe; build on one thread. The built client is thread-safe.
 */
public final class AwsIotMqtt5ClientBuilder {

    /** The port of direct MQTT with mutual TLS. */
    public static final int DIRECT_MTLS_PORT = 8883;
    /** The port of WebSocket, custom authorizers, and ALPN-negotiated mutual TLS. */
    public static final int PORT_443 = 443;
    /** The ALPN protocol for mutual TLS MQTT on port 443. */
    public static final String ALPN_MQTT_CA = "x-amzn-mqtt-ca";
    /** The ALPN protocol for a direct custom-authorizer connection on port 443. */
    public static final String ALPN_MQTT = "mqtt";
    /** The keep-alive the SDK uses for AWS IoT Core: 1200 seconds. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(1200);

    private enum Method { MTLS, WEBSOCKET_SIGV4, CUSTOM_AUTH_DIRECT, CUSTOM_AUTH_WEBSOCKET }

    private final String endpoint;
    private final Method method;
    private Consumer<TlsOptions.Builder> identity = tls -> { };
    private final List<Consumer<TlsOptions.Builder>> tlsCustomizers = new ArrayList<>();
    private final List<Consumer<Mqtt5ClientOptions.Builder>> optionCustomizers = new ArrayList<>();
    private final List<Consumer<ConnectPacket.Builder>> connectCustomizers = new ArrayList<>();
    private final List<Consumer<WebSocketOptions.Builder>> webSocketCustomizers = new ArrayList<>();
    private int port;
    private HttpProxyOptions proxy;
    private boolean iotCoreValidation;
    private SigV4HandshakeSigner signer;
    private String customAuthUsername;
    private byte[] customAuthPassword;

    private AwsIotMqtt5ClientBuilder(String endpoint, Method method) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("aws.iot.mqtt5 endpoint must not be blank; find it with "
                    + "'aws iot describe-endpoint --endpoint-type iot:Data-ATS'");
        }
        this.endpoint = endpoint;
        this.method = method;
    }

    // ---- factories -------------------------------------------------------------------------

    /**
     * Direct MQTT with X.509 mutual TLS, certificate chain and private key read from PEM files.
     *
     * @param endpoint the account's IoT data endpoint
     * @param certPath PEM certificate chain, leaf first
     * @param keyPath PEM private key: PKCS#8 (read by the JDK), or PKCS#1 RSA or SEC1 EC (these
     *     need Bouncy Castle, {@code org.bouncycastle:bcpkix-jdk18on}, on the class path)
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder mtlsFromPath(String endpoint, Path certPath, Path keyPath) {
        return mtlsFromPath(endpoint, certPath, keyPath, null);
    }

    /**
     * Direct MQTT with X.509 mutual TLS from PEM files whose key may be password-encrypted.
     *
     * @param endpoint the account's IoT data endpoint
     * @param certPath PEM certificate chain, leaf first
     * @param keyPath PEM private key; an encrypted one needs Bouncy Castle
     * @param keyPassword the key's password, or {@code null} for an unencrypted key
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder mtlsFromPath(String endpoint, Path certPath, Path keyPath,
            char[] keyPassword) {
        Objects.requireNonNull(certPath, "aws.iot.mqtt5 mtls certPath must not be null");
        Objects.requireNonNull(keyPath, "aws.iot.mqtt5 mtls keyPath must not be null");
        return mtls(endpoint,
                PemMaterial.certificates(PemMaterial.read(certPath, "aws.iot.mqtt5 mtls certPath"),
                        "aws.iot.mqtt5 mtls certPath", "'" + certPath + "'"),
                PemMaterial.read(keyPath, "aws.iot.mqtt5 mtls keyPath"), keyPassword, "'" + keyPath + "'");
    }

    /**
     * Direct MQTT with X.509 mutual TLS from PEM text.
     *
     * @param endpoint the account's IoT data endpoint
     * @param certificatePem PEM certificate chain, leaf first
     * @param privateKeyPem PEM private key: PKCS#8 (read by the JDK), or PKCS#1 RSA or SEC1 EC
     *     (these need Bouncy Castle on the class path)
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder mtlsFromMemory(String endpoint, String certificatePem, String privateKeyPem) {
        return mtlsFromMemory(endpoint, certificatePem, privateKeyPem, null);
    }

    /**
     * Direct MQTT with X.509 mutual TLS from PEM text whose key may be password-encrypted.
     *
     * @param endpoint the account's IoT data endpoint
     * @param certificatePem PEM certificate chain, leaf first
     * @param privateKeyPem PEM private key; an encrypted one needs Bouncy Castle
     * @param keyPassword the key's password, or {@code null}
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder mtlsFromMemory(String endpoint, String certificatePem, String privateKeyPem,
            char[] keyPassword) {
        Objects.requireNonNull(certificatePem, "aws.iot.mqtt5 mtls certificate must not be null");
        Objects.requireNonNull(privateKeyPem, "aws.iot.mqtt5 mtls privateKey must not be null");
        return mtls(endpoint, PemMaterial.certificates(certificatePem, "aws.iot.mqtt5 mtls certificate", "(in memory)"),
                privateKeyPem, keyPassword, "(in memory)");
    }

    private static AwsIotMqtt5ClientBuilder mtls(String endpoint, List<X509Certificate> chain, String keyPem,
            char[] keyPassword, String keySource) {
        AwsIotMqtt5ClientBuilder builder = new AwsIotMqtt5ClientBuilder(endpoint, Method.MTLS);
        PrivateKey key = PemMaterial.privateKey(keyPem, keyPassword, "aws.iot.mqtt5 mtls privateKey", keySource);
        builder.identity = tls -> tls.clientCertificate(key, chain.toArray(X509Certificate[]::new));
        return builder;
    }

    /**
     * Direct MQTT with X.509 mutual TLS with a key and certificate chain already read (for
     * example by Spring Boot's PEM support, which needs no Bouncy Castle).
     *
     * @param endpoint the account's IoT data endpoint
     * @param key the private key of the leaf certificate
     * @param chain the certificate chain, leaf first
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder mtlsWithKey(String endpoint, PrivateKey key, X509Certificate... chain) {
        Objects.requireNonNull(key, "aws.iot.mqtt5 mtls key must not be null");
        Objects.requireNonNull(chain, "aws.iot.mqtt5 mtls chain must not be null");
        if (chain.length == 0) {
            throw new IllegalArgumentException("aws.iot.mqtt5 mtls chain must hold the key's certificate");
        }
        AwsIotMqtt5ClientBuilder builder = new AwsIotMqtt5ClientBuilder(endpoint, Method.MTLS);
        X509Certificate[] copy = chain.clone();
        builder.identity = tls -> tls.clientCertificate(key, copy);
        return builder;
    }

    /**
     * Direct MQTT with mutual TLS whose client certificate comes from a key manager factory, such
     * as one whose key managers follow a rotated certificate: each TLS handshake asks them again.
     *
     * @param endpoint the account's IoT data endpoint
     * @param keyManagers an initialised key manager factory
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder mtlsWithKeyManagerFactory(String endpoint, KeyManagerFactory keyManagers) {
        Objects.requireNonNull(keyManagers, "aws.iot.mqtt5 mtls keyManagerFactory must not be null");
        AwsIotMqtt5ClientBuilder builder = new AwsIotMqtt5ClientBuilder(endpoint, Method.MTLS);
        builder.identity = tls -> tls.keyManagerFactory(keyManagers);
        return builder;
    }

    /**
     * Direct MQTT with mutual TLS from a PKCS#12 file (works on every OS).
     *
     * @param endpoint the account's IoT data endpoint
     * @param pkcs12Path the PKCS#12 file with one private key and its certificate chain
     * @param password the file's password
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder mtlsWithPkcs12(String endpoint, Path pkcs12Path, char[] password) {
        AwsIotMqtt5ClientBuilder builder = new AwsIotMqtt5ClientBuilder(endpoint, Method.MTLS);
        KeyStoreIdentity.Identity identity = KeyStoreIdentity.loadPkcs12(pkcs12Path, password);
        builder.identity = tls -> tls.clientCertificate(identity.key(), identity.chain());
        return builder;
    }

    /**
     * Direct MQTT with mutual TLS whose private key stays on a PKCS#11 token (smart card, HSM),
     * used through the JDK's SunPKCS11 provider; the token is chosen by slot id.
     *
     * @param endpoint the account's IoT data endpoint
     * @param library the PKCS#11 module, such as {@code /usr/lib/softhsm/libsofthsm2.so}
     * @param userPin the user PIN
     * @param slotId the slot of the token
     * @param privateKeyLabel the key's label, or {@code null} when the token holds one key
     * @param certPath the PEM certificate chain of the key
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder mtlsWithPkcs11(String endpoint, Path library, char[] userPin, long slotId,
            String privateKeyLabel, Path certPath) {
        return pkcs11(endpoint, library, userPin, slotId, null, privateKeyLabel, certPath);
    }

    /**
     * As {@link #mtlsWithPkcs11(String, Path, char[], long, String, Path)}, with the token chosen
     * by its label (needs the JVM option
     * {@code --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}).
     *
     * @param endpoint the account's IoT data endpoint
     * @param library the PKCS#11 module
     * @param userPin the user PIN
     * @param tokenLabel the token's label
     * @param privateKeyLabel the key's label, or {@code null} when the token holds one key
     * @param certPath the PEM certificate chain of the key
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder mtlsWithPkcs11(String endpoint, Path library, char[] userPin,
            String tokenLabel, String privateKeyLabel, Path certPath) {
        if (tokenLabel == null || tokenLabel.isBlank()) {
            throw new IllegalArgumentException("aws.iot.mqtt5 pkcs11 tokenLabel must not be blank; or give slotId");
        }
        return pkcs11(endpoint, library, userPin, null, tokenLabel, privateKeyLabel, certPath);
    }

    private static AwsIotMqtt5ClientBuilder pkcs11(String endpoint, Path library, char[] userPin, Long slotId,
            String tokenLabel, String privateKeyLabel, Path certPath) {
        return mtlsWithKeyManagerFactory(endpoint, Pkcs11Identity.keyManagerFactory(library, userPin, slotId, tokenLabel,
                privateKeyLabel, certPath));
    }

    /**
     * Direct MQTT with mutual TLS with a key entry of a Java {@link KeyStore} (JKS, PKCS#12, or any
     * type the application loaded).
     *
     * @param endpoint the account's IoT data endpoint
     * @param keyStore the loaded key store
     * @param alias the private key entry's alias
     * @param password the key entry's password
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder mtlsFromJavaKeystore(String endpoint, KeyStore keyStore, String alias,
            char[] password) {
        Objects.requireNonNull(alias, "aws.iot.mqtt5 java-keystore alias must not be null");
        KeyStoreIdentity.Identity identity = KeyStoreIdentity.fromKeyStore(keyStore, alias, password);
        return mtlsWithKey(endpoint, identity.key(), identity.chain());
    }

    /**
     * Direct MQTT with mutual TLS whose private key stays in a TPM, secure element or remote
     * signer: {@code handler} signs the handshake (see {@link TlsKeyOperations} and, for the
     * thread that calls it, {@link TlsKeyOperationHandler}).
     *
     * @param endpoint the account's IoT data endpoint
     * @param handler signs for the key of {@code chain[0]}
     * @param chain the certificate chain, leaf first
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder mtlsWithCustomKeyOperations(String endpoint, TlsKeyOperationHandler handler,
            X509Certificate... chain) {
        return mtlsWithKeyManagerFactory(endpoint, TlsKeyOperations.keyManagerFactory(handler, chain))
                .tls(tls -> tls.handshakeTaskExecutor(TlsKeyOperations.handshakeExecutor()));
    }

    /**
     * MQTT over WebSocket on port 443, the upgrade presigned with SigV4 using the SDK's default
     * credentials chain.
     *
     * @param endpoint the account's IoT data endpoint
     * @param region the signing region, such as {@code us-east-1}, or {@code null} to take it from
     *     the endpoint (see {@link AwsIotEndpoints#region(String)})
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder websocketsWithDefaultAwsSigning(String endpoint, String region) {
        return websocketsWithDefaultAwsSigning(endpoint, region, null);
    }

    /**
     * MQTT over WebSocket on port 443, the upgrade presigned with SigV4 on every connection
     * attempt with fresh credentials from {@code credentialsProvider} (for example a
     * {@link CognitoCredentialsProvider}).
     *
     * @param endpoint the account's IoT data endpoint
     * @param region the signing region, such as {@code us-east-1}, or {@code null} to take it from
     *     the endpoint (see {@link AwsIotEndpoints#region(String)})
     * @param credentialsProvider the credentials source, or {@code null} for the default chain
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder websocketsWithDefaultAwsSigning(String endpoint, String region,
            AwsCredentialsProvider credentialsProvider) {
        AwsIotMqtt5ClientBuilder builder = new AwsIotMqtt5ClientBuilder(endpoint, Method.WEBSOCKET_SIGV4);
        // Only SigV4HandshakeSigner names the SDK's classes in its code: this class must load (and
        // verify) without the SDK for the methods that do not sign (mutual TLS, custom authorizers).
        String signingRegion = region != null && !region.isBlank() ? region
                : AwsIotEndpoints.requireRegion(endpoint, "aws.iot.mqtt5 sigv4 region");
        builder.signer = credentialsProvider != null ? SigV4HandshakeSigner.create(signingRegion, credentialsProvider)
                : SigV4HandshakeSigner.create(signingRegion);
        return builder;
    }

    /**
     * Direct MQTT over TLS on port 443 (ALPN {@code mqtt}) with an unsigned custom authorizer.
     *
     * @param endpoint the account's IoT data endpoint
     * @param authorizerName the authorizer, or {@code null} for the endpoint's default authorizer
     * @param username the username passed to the authorizer, may carry its own query string, or {@code null}
     * @param password the password passed to the authorizer, or {@code null}
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder directWithCustomAuthorizer(String endpoint, String authorizerName,
            String username, byte[] password) {
        return directWithCustomAuthorizer(endpoint, authorizerName, username, password, null, null, null);
    }

    /**
     * Direct MQTT over TLS on port 443 (ALPN {@code mqtt}) with a signing custom authorizer; give
     * all three signing fields or none.
     *
     * @param endpoint the account's IoT data endpoint
     * @param authorizerName the authorizer, or {@code null} for the endpoint's default authorizer
     * @param username the username passed to the authorizer, or {@code null}
     * @param password the password passed to the authorizer, or {@code null}
     * @param signature base64 signature of the token, URL-encoded here unless it already is
     * @param tokenKeyName the query key that carries the token
     * @param tokenValue the token
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder directWithCustomAuthorizer(String endpoint, String authorizerName,
            String username, byte[] password, String signature, String tokenKeyName, String tokenValue) {
        return customAuth(Method.CUSTOM_AUTH_DIRECT, endpoint, authorizerName, username, password, signature,
                tokenKeyName, tokenValue);
    }

    /**
     * MQTT over WebSocket (TLS, port 443, no SigV4) with an unsigned custom authorizer.
     *
     * @param endpoint the account's IoT data endpoint
     * @param authorizerName the authorizer, or {@code null} for the endpoint's default authorizer
     * @param username the username passed to the authorizer, or {@code null}
     * @param password the password passed to the authorizer, or {@code null}
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder websocketsWithCustomAuthorizer(String endpoint, String authorizerName,
            String username, byte[] password) {
        return websocketsWithCustomAuthorizer(endpoint, authorizerName, username, password, null, null, null);
    }

    /**
     * MQTT over WebSocket (TLS, port 443, no SigV4) with a signing custom authorizer.
     *
     * @param endpoint the account's IoT data endpoint
     * @param authorizerName the authorizer, or {@code null} for the endpoint's default authorizer
     * @param username the username passed to the authorizer, or {@code null}
     * @param password the password passed to the authorizer, or {@code null}
     * @param signature base64 signature of the token, URL-encoded here unless it already is
     * @param tokenKeyName the query key that carries the token
     * @param tokenValue the token
     * @return the builder
     */
    public static AwsIotMqtt5ClientBuilder websocketsWithCustomAuthorizer(String endpoint, String authorizerName,
            String username, byte[] password, String signature, String tokenKeyName, String tokenValue) {
        return customAuth(Method.CUSTOM_AUTH_WEBSOCKET, endpoint, authorizerName, username, password, signature,
                tokenKeyName, tokenValue);
    }

    private static AwsIotMqtt5ClientBuilder customAuth(Method method, String endpoint, String authorizerName,
            String username, byte[] password, String signature, String tokenKeyName, String tokenValue) {
        AwsIotMqtt5ClientBuilder builder = new AwsIotMqtt5ClientBuilder(endpoint, method);
        builder.customAuthUsername = CustomAuthorizerUsername.build(username, authorizerName, signature, tokenKeyName,
                tokenValue);
        builder.customAuthPassword = password != null ? password.clone() : null;
        return builder;
    }

    // ---- overrides -------------------------------------------------------------------------

    /**
     * Connects to this port instead of the method's default (8883 or 443).
     *
     * @param port 1 to 65535
     * @return this builder
     */
    public AwsIotMqtt5ClientBuilder port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("aws.iot.mqtt5 port must be 1 to 65535, was " + port);
        }
        this.port = port;
        return this;
    }

    /**
     * Trusts these CA certificates instead of the JVM's default trust store (which holds
     * Amazon's public CAs used by IoT Core).
     *
     * @param certificates the CA certificates
     * @return this builder
     */
    public AwsIotMqtt5ClientBuilder trustedCertificates(X509Certificate... certificates) {
        Objects.requireNonNull(certificates, "aws.iot.mqtt5 trustedCertificates must not be null");
        X509Certificate[] copy = certificates.clone();
        return tls(tls -> tls.trustedCertificates(copy));
    }

    /**
     * Trusts the CA certificates in this PEM file instead of the JVM's default trust store.
     *
     * @param caPath a PEM file with one or more CA certificates
     * @return this builder
     */
    public AwsIotMqtt5ClientBuilder certificateAuthorityFromPath(Path caPath) {
        List<X509Certificate> certificates = PemMaterial.certificates(PemMaterial.read(caPath, "aws.iot.mqtt5 caPath"),
                "aws.iot.mqtt5 caPath", "'" + caPath + "'");
        return tls(tls -> tls.trustedCertificates(certificates));
    }

    /**
     * Adjusts the TLS options (trust, SNI, ALPN, protocols, handshake timeout) the method prepared;
     * applied in order at build time, after the method's client identity and ALPN.
     *
     * @param customizer changes the TLS options builder
     * @return this builder
     */
    public AwsIotMqtt5ClientBuilder tls(Consumer<TlsOptions.Builder> customizer) {
        tlsCustomizers.add(Objects.requireNonNull(customizer, "tls customizer must not be null"));
        return this;
    }

    /**
     * Adjusts the WebSocket options (path, headers, timeouts) of a WebSocket method.
     *
     * @param customizer changes the WebSocket options builder
     * @return this builder
     */
    public AwsIotMqtt5ClientBuilder webSocket(Consumer<WebSocketOptions.Builder> customizer) {
        webSocketCustomizers.add(Objects.requireNonNull(customizer, "webSocket customizer must not be null"));
        return this;
    }

    /**
     * Connects through an HTTP (CONNECT) or SOCKS5 proxy.
     *
     * @param proxy the proxy, or {@code null} for none
     * @return this builder
     */
    public AwsIotMqtt5ClientBuilder httpProxy(HttpProxyOptions proxy) {
        this.proxy = proxy;
        return this;
    }

    /**
     * Adjusts the CONNECT packet, which starts with keep-alive 1200 s. A custom authorizer's
     * username and password replace the ones set here.
     *
     * @param customizer changes the CONNECT builder
     * @return this builder
     */
    public AwsIotMqtt5ClientBuilder connectOptions(Consumer<ConnectPacket.Builder> customizer) {
        connectCustomizers.add(Objects.requireNonNull(customizer, "connectOptions customizer must not be null"));
        return this;
    }

    /**
     * Sets the client id; without one (or with an empty one), a random id is generated once,
     * and used for every connection of the built client.
     *
     * @param clientId the client id
     * @return this builder
     */
    public AwsIotMqtt5ClientBuilder clientId(String clientId) {
        return connectOptions(c -> c.clientId(clientId));
    }

    /**
     * Fails operations that break IoT Core's limits before they are sent; off by default.
     *
     * @param enabled whether to validate
     * @return this builder
     */
    public AwsIotMqtt5ClientBuilder iotCoreValidation(boolean enabled) {
        this.iotCoreValidation = enabled;
        return this;
    }

    /**
     * Sets any other client option (listeners, session and offline-queue behaviour, reconnect,
     * timeouts). Applied last, after the AWS settings, so it may override them.
     *
     * @param customizer changes the client options builder
     * @return this builder
     */
    public AwsIotMqtt5ClientBuilder options(Consumer<Mqtt5ClientOptions.Builder> customizer) {
        optionCustomizers.add(Objects.requireNonNull(customizer, "options customizer must not be null"));
        return this;
    }

    // ---- build -----------------------------------------------------------------------------

    /**
     * Returns the client options this builder describes.
     *
     * @return the options
     */
    public Mqtt5ClientOptions buildOptions() {
        boolean webSocket = method == Method.WEBSOCKET_SIGV4 || method == Method.CUSTOM_AUTH_WEBSOCKET;
        int effectivePort = port != 0 ? port : method == Method.MTLS ? DIRECT_MTLS_PORT : PORT_443;
        TlsOptions.Builder tls = TlsOptions.builder();
        identity.accept(tls);
        if (method == Method.MTLS && effectivePort == PORT_443) {
            tls.alpnProtocols(List.of(ALPN_MQTT_CA));
        } else if (method == Method.CUSTOM_AUTH_DIRECT) {
            tls.alpnProtocols(List.of(ALPN_MQTT));
        }
        tlsCustomizers.forEach(c -> c.accept(tls));
        ConnectPacket.Builder connect = ConnectPacket.builder().keepAlive(DEFAULT_KEEP_ALIVE);
        connectCustomizers.forEach(c -> c.accept(connect));
        if (customAuthUsername != null) {
            connect.username(customAuthUsername).password(customAuthPassword);
        }
        ConnectPacket packet = connect.build();
        if (packet.clientId().isEmpty()) {
            packet = packet.toBuilder().clientId("mqtt5-" + UUID.randomUUID()).build();
        }
        Mqtt5ClientOptions.Builder options = Mqtt5ClientOptions.builder()
                .hostName(endpoint)
                .port(effectivePort)
                .tls(tls.build())
                .connectOptions(packet)
                .httpProxy(proxy)
                .flowControl(FlowControlOptions.iotCore())
                .iotCoreValidation(iotCoreValidation);
        if (webSocket) {
            WebSocketOptions.Builder ws = WebSocketOptions.builder();
            if (signer != null) {
                ws.handshakeTransformer(signer);
            }
            webSocketCustomizers.forEach(c -> c.accept(ws));
            options.webSocket(ws.build());
        }
        optionCustomizers.forEach(c -> c.accept(options));
        return options.build();
    }

    /**
     * Builds a stopped client; call {@link Mqtt5Client#start()} to connect.
     *
     * @return the client
     */
    public Mqtt5Client build() {
        return new Mqtt5Client(buildOptions());
    }

    @Override
    public String toString() {
        return "AwsIotMqtt5ClientBuilder{endpoint=" + endpoint + ", method=" + method + ", port=" + port
                + ", httpProxy=" + proxy + ", signer=" + signer + '}';
    }
}
