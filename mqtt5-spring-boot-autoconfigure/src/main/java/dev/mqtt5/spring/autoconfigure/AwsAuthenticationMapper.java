package dev.mqtt5.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.aws.AwsIotMqtt5ClientBuilder;
import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.config.WebSocketOptions;
import dev.mqtt5.client.packet.ConnectPacket;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.core.io.Resource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Maps an AWS IoT authentication method to the client through {@link AwsIotMqtt5ClientBuilder}:
 * the method's factory supplies identity, transport and the AWS defaults (port 8883 or 443, ALPN,
 * keep-alive 1200 s, IoT Core flow control), then the common properties ({@code port},
 * {@code tls.*}, {@code websocket.*}, {@code proxy.*}, the CONNECT packet and the shared options)
 * apply on top. Only called after {@link AuthenticationLibraries#require} passed: the SigV4
 * methods need the AWS SDK on the classpath; mutual TLS, PKCS#12, PKCS#11 and custom authorizers
 * need neither it nor Bouncy Castle (PEM is read with Spring Boot's own reader), except for legacy
 * OpenSSL-encrypted keys.
 */
final class AwsAuthenticationMapper {

    private static final String P = "aws.iot.mqtt5.";

    private static final String BOUNCY_CASTLE = "org.bouncycastle.openssl.PEMParser";

    /**
     * The client names the setting at fault in its messages ("aws.iot.mqtt5 pkcs11 userPin was
     * refused..."); these are the properties behind them. Anything else names the method's group.
     */
    private static final Map<String, String> CLIENT_SETTINGS = Map.ofEntries(
            Map.entry("aws.iot.mqtt5 pkcs11 userPin", "pkcs11.user-pin"),
            Map.entry("aws.iot.mqtt5 pkcs11 library", "pkcs11.library"),
            Map.entry("aws.iot.mqtt5 pkcs11 tokenLabel", "pkcs11.token-label"),
            Map.entry("aws.iot.mqtt5 pkcs11 privateKeyLabel", "pkcs11.private-key-label"),
            Map.entry("aws.iot.mqtt5 pkcs11 certPath", "pkcs11.certificate"),
            Map.entry("aws.iot.mqtt5 pkcs12 password", "pkcs12.password"),
            Map.entry("aws.iot.mqtt5 pkcs12 path", "pkcs12.path"),
            Map.entry("aws.iot.mqtt5 mtls certificate", "mtls.certificate"),
            Map.entry("aws.iot.mqtt5 mtls privateKey", "mtls.private-key"),
            Map.entry("aws.iot.mqtt5 java-keystore alias", "java-keystore.alias"),
            Map.entry("aws.iot.mqtt5 java-keystore password", "java-keystore.key-password"),
            Map.entry("aws.iot.mqtt5 sigv4 region", "sigv4.region"),
            Map.entry("aws.iot.mqtt5 cognito region", "cognito.region"));

    private final Mqtt5Properties properties;

    private final AwsSigV4Credentials sigV4Credentials;

    private final Mqtt5SslBundles sslBundles;

    private final ClassLoader classLoader;

    /**
     * @param sigV4Credentials starts the SigV4 builders; {@code null} when the AWS SDK is absent,
     * in which case {@link AuthenticationLibraries} has already refused the SigV4 methods
     * @param sslBundles the SSL bundles of {@code tls.bundle} and {@code mtls.bundle}
     * @param classLoader the context's class loader, which must see Bouncy Castle for a legacy-encrypted key
     */
    AwsAuthenticationMapper(Mqtt5Properties properties, AwsSigV4Credentials sigV4Credentials,
            Mqtt5SslBundles sslBundles, ClassLoader classLoader) {
        this.properties = properties;
        this.sigV4Credentials = sigV4Credentials;
        this.sslBundles = sslBundles;
        this.classLoader = classLoader;
    }

    /**
     * Builds the options for an AWS IoT authentication method.
     *
     * @param method the selected method, never {@link AuthenticationMethod#BROKER}
     * @param endpoint the endpoint (from the connection details)
     * @param port the port from the connection details, or {@code null} for the method's default
     * @param connect fills the CONNECT packet (client id, keep-alive, session, will...)
     * @param options applies the shared options, listeners and customizers
     * @return the client options
     */
    Mqtt5ClientOptions build(AuthenticationMethod method, String endpoint, Integer port,
            Consumer<ConnectPacket.Builder> connect, Consumer<Mqtt5ClientOptions.Builder> options) {
        AwsIotMqtt5ClientBuilder builder = start(method, endpoint);
        if (port != null) {
            builder.port(port);
        }
        Mqtt5TlsProperties tls = this.properties.getTls();
        ReloadingSslBundle trustBundle = trustBundle(method, tls);
        if (trustBundle != null) {
            // Trust (and protocols, ciphers) from the bundle; the client certificate, if any, came with the method.
            builder.tls((tlsBuilder) -> trustBundle.applyTo(tlsBuilder, false));
        }
        if (tls.getCa() != null) {
            builder.trustedCertificates(
                    PemResources.certificates(tls.getCa(), P + "tls.ca").toArray(X509Certificate[]::new));
        }
        builder.tls((tlsBuilder) -> applyTls(tls, tlsBuilder));
        builder.webSocket((webSocket) -> applyWebSocket(this.properties.getWebsocket(), webSocket));
        builder.httpProxy(Mqtt5ClientOptionsMapper.proxyOptions(this.properties.getProxy()));
        return builder.connectOptions(connect).options(options).buildOptions();
    }

    /**
     * The bundle whose trust store (and options) apply on top of the method: {@code mtls.bundle}'s
     * (which then conflicts with {@code tls.ca} if it has a trust store), else {@code tls.bundle}'s
     * for a method that brings no client certificate (the validator refuses it with one).
     */
    private ReloadingSslBundle trustBundle(AuthenticationMethod method, Mqtt5TlsProperties tls) {
        String mtlsBundle = this.properties.getMtls().getBundle();
        if (method == AuthenticationMethod.MTLS && StringUtils.hasText(mtlsBundle)) {
            ReloadingSslBundle bundle = this.sslBundles.get(mtlsBundle, P + "mtls.bundle");
            if (bundle.hasTrustStore() && tls.getCa() != null) {
                throw new InvalidMqtt5PropertyException(P + "tls.ca", "conflicts with " + P + "mtls.bundle, whose SSL "
                        + "bundle '" + mtlsBundle + "' has a trust store",
                        "Remove tls.ca, or the trust store from the bundle.");
            }
            return bundle;
        }
        return StringUtils.hasText(tls.getBundle()) ? this.sslBundles.get(tls.getBundle(), P + "tls.bundle") : null;
    }

    /** Calls the method's factory, which reads files, keys and tokens now. */
    private AwsIotMqtt5ClientBuilder start(AuthenticationMethod method, String endpoint) {
        try {
            return switch (method) {
                case MTLS -> mtls(this.properties.getMtls(), endpoint);
                case PKCS12 -> pkcs12(this.properties.getPkcs12(), endpoint);
                case PKCS11 -> pkcs11(this.properties.getPkcs11(), endpoint);
                case JAVA_KEYSTORE -> javaKeystore(this.properties.getJavaKeystore(), endpoint);
                case SIGV4 -> this.sigV4Credentials.sigv4(endpoint, this.properties.getSigv4());
                case COGNITO -> this.sigV4Credentials.cognito(endpoint, this.properties.getCognito());
                case CUSTOM_AUTHORIZER -> customAuthorizer(this.properties.getCustomAuthorizer(), endpoint);
                case BROKER -> throw new IllegalArgumentException("a plain broker does not need the AWS builder");
            };
        } catch (IllegalArgumentException | IllegalStateException ex) {
            // The client's messages name its setting and never carry a secret's value.
            throw new InvalidMqtt5PropertyException(propertyAtFault(method, ex.getMessage()),
                    "the client rejected it: " + ex.getMessage(),
                    "Correct the " + method.prefix() + ".* properties (see the message).", ex);
        }
    }

    private static String propertyAtFault(AuthenticationMethod method, String message) {
        if (message != null) {
            for (Map.Entry<String, String> setting : CLIENT_SETTINGS.entrySet()) {
                if (message.startsWith(setting.getKey())) {
                    return P + setting.getValue();
                }
            }
        }
        return method.prefix();
    }

    /**
     * The device identity from {@code mtls.bundle}'s key store, or from the PEM files read with
     * Spring Boot's reader (PKCS#8, PKCS#1, SEC 1, encrypted PKCS#8: no Bouncy Castle); only a
     * legacy OpenSSL-encrypted key goes to the client's reader, which needs Bouncy Castle.
     */
    private AwsIotMqtt5ClientBuilder mtls(AwsMtlsProperties mtls, String endpoint) {
        if (StringUtils.hasText(mtls.getBundle())) {
            ReloadingSslBundle bundle = this.sslBundles.get(mtls.getBundle(), P + "mtls.bundle");
            if (!bundle.hasKeyStore()) {
                throw new InvalidMqtt5PropertyException(P + "mtls.bundle", "names the SSL bundle '" + mtls.getBundle()
                        + "', which has no key store: there is no device certificate to present",
                        "Give the bundle the device's certificate and private key (spring.ssl.bundle.pem."
                                + mtls.getBundle() + ".keystore.certificate and .private-key, or a jks key store).");
            }
            return AwsIotMqtt5ClientBuilder.mtlsWithKeyManagerFactory(endpoint, bundle.keyManagerFactory());
        }
        String password = StringUtils.hasText(mtls.getPassword()) ? mtls.getPassword() : null;
        // Read as text rather than resolved to a path: classpath: resources in a jar have no file.
        String privateKey = read(mtls.getPrivateKey(), P + "mtls.private-key");
        if (privateKey.contains("Proc-Type: 4,ENCRYPTED")) {
            return legacyEncryptedMtls(mtls, endpoint, privateKey, password);
        }
        List<X509Certificate> chain = PemResources.certificates(mtls.getCertificate(), P + "mtls.certificate");
        PrivateKey key = PemResources.privateKey(mtls.getPrivateKey(), P + "mtls.private-key", password,
                P + "mtls.password");
        PemResources.checkPair(chain.get(0), key, P + "mtls.certificate", P + "mtls.private-key");
        return AwsIotMqtt5ClientBuilder.mtlsWithKey(endpoint, key, chain.toArray(X509Certificate[]::new));
    }

    private AwsIotMqtt5ClientBuilder legacyEncryptedMtls(AwsMtlsProperties mtls, String endpoint, String privateKey,
            String password) {
        if (!ClassUtils.isPresent(BOUNCY_CASTLE, this.classLoader)) {
            throw new InvalidMqtt5PropertyException(P + "mtls.private-key", "is a legacy OpenSSL-encrypted key "
                    + "('Proc-Type: 4,ENCRYPTED'), which needs org.bouncycastle:bcpkix-jdk18on on the classpath",
                    "Add org.bouncycastle:bcpkix-jdk18on (version from the Bouncy Castle BOM), or convert the key to "
                            + "encrypted PKCS#8 ('openssl pkcs8 -topk8 -in old.key -out new.key'), which Spring Boot "
                            + "reads without it.");
        }
        String certificate = read(mtls.getCertificate(), P + "mtls.certificate");
        return AwsIotMqtt5ClientBuilder.mtlsFromMemory(endpoint, certificate, privateKey,
                (password != null) ? password.toCharArray() : null);
    }

    private static AwsIotMqtt5ClientBuilder pkcs12(AwsPkcs12Properties pkcs12, String endpoint) {
        return withFile(pkcs12.getPath(), P + "pkcs12.path", (path) -> AwsIotMqtt5ClientBuilder.mtlsWithPkcs12(endpoint,
                path, pkcs12.getPassword().toCharArray()));
    }

    private static AwsIotMqtt5ClientBuilder pkcs11(AwsPkcs11Properties pkcs11, String endpoint) {
        Path library = Path.of(pkcs11.getLibrary());
        char[] pin = pkcs11.getUserPin().toCharArray();
        String keyLabel = StringUtils.hasText(pkcs11.getPrivateKeyLabel()) ? pkcs11.getPrivateKeyLabel() : null;
        return withFile(pkcs11.getCertificate(), P + "pkcs11.certificate", (certificate) -> (pkcs11.getSlotId() != null)
                ? AwsIotMqtt5ClientBuilder.mtlsWithPkcs11(endpoint, library, pin, pkcs11.getSlotId(), keyLabel, certificate)
                : AwsIotMqtt5ClientBuilder.mtlsWithPkcs11(endpoint, library, pin, pkcs11.getTokenLabel(), keyLabel,
                        certificate));
    }

    private static AwsIotMqtt5ClientBuilder javaKeystore(AwsJavaKeystoreProperties keystore, String endpoint) {
        KeyStore store;
        try (InputStream in = keystore.getPath().getInputStream()) {
            store = KeyStore.getInstance(keystore.getType());
            store.load(in, keystore.getPassword().toCharArray());
        } catch (KeyStoreException ex) {
            throw new InvalidMqtt5PropertyException(P + "java-keystore.type", "'" + keystore.getType()
                    + "' is not a key store type of this JVM", "Use JKS or PKCS12.", ex);
        } catch (IOException | GeneralSecurityException ex) {
            // The JDK reports a wrong password as an IOException whose cause is UnrecoverableKeyException.
            boolean password = ex.getCause() instanceof UnrecoverableKeyException;
            throw new InvalidMqtt5PropertyException(P + (password ? "java-keystore.password" : "java-keystore.path"),
                    password ? "does not open " + keystore.getPath().getDescription()
                            : "cannot be read as a " + keystore.getType() + " key store: " + ex.getMessage(),
                    password ? "Set the key store's password." : "Point it at a key store of java-keystore.type.", null);
        }
        String keyPassword = StringUtils.hasText(keystore.getKeyPassword()) ? keystore.getKeyPassword()
                : keystore.getPassword();
        return AwsIotMqtt5ClientBuilder.mtlsFromJavaKeystore(endpoint, store, keystore.getAlias(),
                keyPassword.toCharArray());
    }

    private static AwsIotMqtt5ClientBuilder customAuthorizer(AwsCustomAuthorizerProperties authorizer, String endpoint) {
        String name = emptyToNull(authorizer.getName());
        String username = emptyToNull(authorizer.getUsername());
        byte[] password = (authorizer.getPassword() != null)
                ? authorizer.getPassword().getBytes(StandardCharsets.UTF_8) : null;
        String signature = emptyToNull(authorizer.getSignature());
        String tokenKeyName = emptyToNull(authorizer.getTokenKeyName());
        String tokenValue = emptyToNull(authorizer.getTokenValue());
        return switch (authorizer.getTransport()) {
            case DIRECT -> AwsIotMqtt5ClientBuilder.directWithCustomAuthorizer(endpoint, name, username, password,
                    signature, tokenKeyName, tokenValue);
            case WEBSOCKET -> AwsIotMqtt5ClientBuilder.websocketsWithCustomAuthorizer(endpoint, name, username, password,
                    signature, tokenKeyName, tokenValue);
        };
    }

    private static void applyTls(Mqtt5TlsProperties tls, TlsOptions.Builder builder) {
        PropertyMapper map = PropertyMapper.get();
        map.from(tls::getAlpn).whenNot(List::isEmpty).as(ArrayList::new).to(builder::alpnProtocols);
        map.from(tls::getServerName).whenHasText().to(builder::serverName);
        builder.hostnameVerification(tls.isHostnameVerification());
        map.from(tls::getHandshakeTimeout).to(builder::handshakeTimeout);
    }

    private static void applyWebSocket(Mqtt5WebSocketProperties webSocket, WebSocketOptions.Builder builder) {
        PropertyMapper map = PropertyMapper.get();
        map.from(webSocket::getPath).whenHasText().to(builder::path);
        map.from(webSocket::getHandshakeTimeout).to(builder::handshakeTimeout);
    }

    private static String emptyToNull(String value) {
        return StringUtils.hasText(value) ? value : null;
    }

    private static String read(Resource resource, String property) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException ex) {
            throw new InvalidMqtt5PropertyException(property, "cannot read " + resource.getDescription(),
                    "Point it at an existing, readable PEM file (classpath:..., file:...).", ex);
        }
    }

    /**
     * Hands the resource's file to {@code use}; a resource that is no file (a {@code classpath:}
     * entry in a jar) is copied to an owner-only temporary file for the call, which reads it.
     */
    private static <T> T withFile(Resource resource, String property, Function<Path, T> use) {
        try {
            if (resource.isFile()) {
                return use.apply(resource.getFile().toPath());
            }
            Path copy = Files.createTempFile("mqtt5-", ".tmp");
            try (InputStream in = resource.getInputStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                return use.apply(copy);
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException ex) {
            throw new InvalidMqtt5PropertyException(property, "cannot read " + resource.getDescription(),
                    "Point it at an existing, readable file (classpath:..., file:...).", ex);
        }
    }
}
