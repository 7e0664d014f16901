package dev.mqtt5.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;

/**
 * Checks the {@code aws.iot.mqtt5.*} properties before the client is built: one authentication
 * method at most, both halves of every pair, readable files. Fails with an
 * {@link InvalidMqtt5PropertyException} naming the property; never reads a secret's value into a
 * message.
 */
final class Mqtt5PropertiesValidator {

    private static final String P = "aws.iot.mqtt5.";

    private Mqtt5PropertiesValidator() {
    }

    /**
     * Validates the properties and returns the authentication method they select.
     *
     * @param properties the bound properties
     * @return the selected method, {@link AuthenticationMethod#BROKER} when no AWS group is set
     * @throws InvalidMqtt5PropertyException when a property is missing, conflicting or unreadable
     */
    static AuthenticationMethod validate(Mqtt5Properties properties) {
        AuthenticationMethod method = selectMethod(properties);
        switch (method) {
            case MTLS -> checkMtls(properties.getMtls());
            case PKCS12 -> checkPkcs12(properties.getPkcs12());
            case PKCS11 -> checkPkcs11(properties.getPkcs11());
            case JAVA_KEYSTORE -> checkJavaKeystore(properties.getJavaKeystore());
            case SIGV4 -> {
                // The region may come from the endpoint; the client says so when it cannot.
            }
            case COGNITO -> checkCognito(properties.getCognito());
            case CUSTOM_AUTHORIZER -> checkCustomAuthorizer(properties);
            case BROKER -> {
            }
        }
        checkTls(properties.getTls(), method, properties.getMtls());
        checkProxy(properties.getProxy());
        checkWill(properties.getWill());
        return method;
    }

    private static AuthenticationMethod selectMethod(Mqtt5Properties p) {
        List<AuthenticationMethod> configured = new ArrayList<>();
        addIf(configured, AuthenticationMethod.MTLS, p.getMtls().getBundle(), p.getMtls().getCertificate(),
                p.getMtls().getPrivateKey(), p.getMtls().getPassword());
        addIf(configured, AuthenticationMethod.PKCS12, p.getPkcs12().getPath(), p.getPkcs12().getPassword());
        AwsPkcs11Properties pkcs11 = p.getPkcs11();
        addIf(configured, AuthenticationMethod.PKCS11, pkcs11.getLibrary(), pkcs11.getUserPin(), pkcs11.getSlotId(),
                pkcs11.getTokenLabel(), pkcs11.getPrivateKeyLabel(), pkcs11.getCertificate());
        AwsJavaKeystoreProperties keystore = p.getJavaKeystore();
        addIf(configured, AuthenticationMethod.JAVA_KEYSTORE, keystore.getPath(), keystore.getPassword(),
                keystore.getAlias(), keystore.getKeyPassword());
        addIf(configured, AuthenticationMethod.SIGV4, p.getSigv4().getRegion(), p.getSigv4().isEnabled() ? "on" : null);
        AwsCognitoProperties cognito = p.getCognito();
        addIf(configured, AuthenticationMethod.COGNITO, cognito.getIdentityId(), cognito.getRegion(),
                cognito.getLogins().isEmpty() ? null : cognito.getLogins());
        AwsCustomAuthorizerProperties authorizer = p.getCustomAuthorizer();
        addIf(configured, AuthenticationMethod.CUSTOM_AUTHORIZER, authorizer.getName(), authorizer.getUsername(),
                authorizer.getPassword(), authorizer.getSignature(), authorizer.getTokenKeyName(),
                authorizer.getTokenValue());
        if (configured.size() > 1) {
            throw new InvalidMqtt5PropertyException(configured.get(1).prefix(),
                    "conflicts with " + configured.get(0).prefix() + ": only one authentication method may be configured",
                    "Keep the properties of one method (" + configured.get(0).prefix() + ".* or "
                            + configured.get(1).prefix() + ".*) and remove the others.");
        }
        return configured.isEmpty() ? AuthenticationMethod.BROKER : configured.get(0);
    }

    private static void addIf(List<AuthenticationMethod> configured, AuthenticationMethod method, Object... values) {
        for (Object value : values) {
            if (value instanceof String text ? StringUtils.hasText(text) : value != null) {
                configured.add(method);
                return;
            }
        }
    }

    private static void checkMtls(AwsMtlsProperties mtls) {
        if (StringUtils.hasText(mtls.getBundle())) {
            conflict(mtls.getCertificate(), P + "mtls.certificate", P + "mtls.bundle", "the device certificate");
            conflict(mtls.getPrivateKey(), P + "mtls.private-key", P + "mtls.bundle", "the device's private key");
            conflict(mtls.getPassword(), P + "mtls.password", P + "mtls.bundle", "the device's private key");
            return;
        }
        pair(mtls.getCertificate(), P + "mtls.certificate", mtls.getPrivateKey(), P + "mtls.private-key");
        readable(mtls.getCertificate(), P + "mtls.certificate");
        readable(mtls.getPrivateKey(), P + "mtls.private-key");
    }

    private static void checkPkcs12(AwsPkcs12Properties pkcs12) {
        pair(pkcs12.getPath(), P + "pkcs12.path", pkcs12.getPassword(), P + "pkcs12.password");
        readable(pkcs12.getPath(), P + "pkcs12.path");
    }

    private static void checkPkcs11(AwsPkcs11Properties pkcs11) {
        required(pkcs11.getLibrary(), P + "pkcs11.library", "the path of the PKCS#11 library (.so)");
        required(pkcs11.getUserPin(), P + "pkcs11.user-pin", "the token's user PIN");
        required(pkcs11.getCertificate(), P + "pkcs11.certificate", "the PEM certificate of the token's key");
        if (pkcs11.getSlotId() == null && !StringUtils.hasText(pkcs11.getTokenLabel())) {
            throw new InvalidMqtt5PropertyException(P + "pkcs11.slot-id",
                    "neither pkcs11.slot-id nor pkcs11.token-label is set", "Set one of them to choose the token.");
        }
        if (pkcs11.getSlotId() != null && StringUtils.hasText(pkcs11.getTokenLabel())) {
            throw new InvalidMqtt5PropertyException(P + "pkcs11.token-label", "conflicts with pkcs11.slot-id",
                    "Set either pkcs11.slot-id or pkcs11.token-label, not both.");
        }
        if (!new java.io.File(pkcs11.getLibrary()).canRead()) {
            throw new InvalidMqtt5PropertyException(P + "pkcs11.library", "cannot read " + pkcs11.getLibrary(),
                    "Point it at the PKCS#11 library file and make it readable by the application's user.");
        }
        readable(pkcs11.getCertificate(), P + "pkcs11.certificate");
    }

    private static void checkJavaKeystore(AwsJavaKeystoreProperties keystore) {
        required(keystore.getPath(), P + "java-keystore.path", "the key store file (file:..., classpath:...)");
        required(keystore.getPassword(), P + "java-keystore.password", "the key store's password");
        required(keystore.getAlias(), P + "java-keystore.alias", "the alias of the device's private key entry");
        readable(keystore.getPath(), P + "java-keystore.path");
    }

    private static void checkCognito(AwsCognitoProperties cognito) {
        required(cognito.getIdentityId(), P + "cognito.identity-id", "the Cognito identity id");
        for (Map.Entry<String, String> login : cognito.getLogins().entrySet()) {
            required(login.getValue(), P + "cognito.logins." + login.getKey(), "the provider's token");
        }
    }

    private static void checkCustomAuthorizer(Mqtt5Properties properties) {
        AwsCustomAuthorizerProperties authorizer = properties.getCustomAuthorizer();
        pair(authorizer.getTokenKeyName(), P + "custom-authorizer.token-key-name", authorizer.getTokenValue(),
                P + "custom-authorizer.token-value");
        if (StringUtils.hasText(authorizer.getSignature()) && !StringUtils.hasText(authorizer.getTokenValue())) {
            throw new InvalidMqtt5PropertyException(P + "custom-authorizer.token-value",
                    "is required with custom-authorizer.signature",
                    "Set custom-authorizer.token-key-name and custom-authorizer.token-value, whose value the signature signs.");
        }
        if (StringUtils.hasText(properties.getUsername()) || StringUtils.hasText(properties.getPassword())) {
            throw new InvalidMqtt5PropertyException(P + "username",
                    "conflicts with custom-authorizer: the authorizer builds the CONNECT user name and password",
                    "Use custom-authorizer.username and custom-authorizer.password instead.");
        }
    }

    private static void checkTls(Mqtt5TlsProperties tls, AuthenticationMethod method, AwsMtlsProperties mtls) {
        if (StringUtils.hasText(tls.getBundle())) {
            conflict(tls.getCa(), P + "tls.ca", P + "tls.bundle", "the certificate authorities to trust");
            conflict(tls.getClientCertificate(), P + "tls.client-certificate", P + "tls.bundle",
                    "the client certificate (from its key store)");
            conflict(tls.getClientPrivateKey(), P + "tls.client-private-key", P + "tls.bundle",
                    "the client's private key (from its key store)");
            if (method.suppliesClientCertificate()) {
                throw new InvalidMqtt5PropertyException(P + "tls.bundle", "conflicts with " + method.prefix()
                        + ", which supplies the client certificate",
                        "For AWS IoT mutual TLS from an SSL bundle, set " + P + "mtls.bundle instead (its trust store, "
                                + "if any, is used too); or remove the " + method.prefix() + ".* properties.");
            }
            if (Boolean.FALSE.equals(tls.getEnabled())) {
                throw new InvalidMqtt5PropertyException(P + "tls.enabled", "is false but tls.bundle is set",
                        "Enable TLS or remove tls.bundle.");
            }
        }
        if (tls.isReconnectOnBundleUpdate() && !StringUtils.hasText(tls.getBundle())
                && !StringUtils.hasText(mtls.getBundle())) {
            throw new InvalidMqtt5PropertyException(P + "tls.reconnect-on-bundle-update",
                    "is true but no SSL bundle is in use", "Set " + P + "tls.bundle or " + P
                            + "mtls.bundle to an SSL bundle with reload-on-update, or remove it.");
        }
        readable(tls.getCa(), P + "tls.ca");
        pair(tls.getClientCertificate(), P + "tls.client-certificate", tls.getClientPrivateKey(),
                P + "tls.client-private-key");
        if (tls.getClientCertificate() != null && method.suppliesClientCertificate()) {
            throw new InvalidMqtt5PropertyException(P + "tls.client-certificate",
                    "conflicts with " + method.prefix() + ", which supplies the client certificate",
                    "Remove tls.client-certificate and tls.client-private-key, or the " + method.prefix()
                            + ".* properties.");
        }
        if (method.isAws() && Boolean.FALSE.equals(tls.getEnabled())) {
            throw new InvalidMqtt5PropertyException(P + "tls.enabled",
                    "is false but " + method.prefix() + " connects to AWS IoT Core, which requires TLS",
                    "Remove tls.enabled, or the " + method.prefix() + ".* properties.");
        }
        if (tls.getClientCertificate() != null && Boolean.FALSE.equals(tls.getEnabled())) {
            throw new InvalidMqtt5PropertyException(P + "tls.enabled",
                    "is false but tls.client-certificate is set", "Enable TLS or remove the client certificate.");
        }
        readable(tls.getClientCertificate(), P + "tls.client-certificate");
        readable(tls.getClientPrivateKey(), P + "tls.client-private-key");
    }

    private static void checkProxy(Mqtt5ProxyProperties proxy) {
        pair(proxy.getHost(), P + "proxy.host", proxy.getPort(), P + "proxy.port");
        pair(proxy.getUsername(), P + "proxy.username", proxy.getPassword(), P + "proxy.password");
        if (proxy.getCa() != null && !proxy.isTls()) {
            throw new InvalidMqtt5PropertyException(P + "proxy.ca", "is set but proxy.tls is false",
                    "Set proxy.tls=true to reach the proxy over TLS, or remove proxy.ca.");
        }
        readable(proxy.getCa(), P + "proxy.ca");
        if (proxy.getHost() == null && (proxy.getUsername() != null || proxy.isTls())) {
            throw new InvalidMqtt5PropertyException(P + "proxy.host", "is required with the other proxy.* properties",
                    "Set proxy.host and proxy.port, or remove the proxy.* properties.");
        }
    }

    private static void checkWill(Mqtt5WillProperties will) {
        if (!StringUtils.hasText(will.getTopic()) && (will.getPayload() != null || will.getDelay() != null
                || will.isRetain() || will.getContentType() != null || will.getMessageExpiry() != null)) {
            throw new InvalidMqtt5PropertyException(P + "will.topic", "is required with the other will.* properties",
                    "Set will.topic, or remove the will.* properties.");
        }
    }

    private static void pair(Object first, String firstName, Object second, String secondName) {
        boolean hasFirst = isSet(first);
        boolean hasSecond = isSet(second);
        if (hasFirst && !hasSecond) {
            throw missingHalf(secondName, firstName);
        }
        if (hasSecond && !hasFirst) {
            throw missingHalf(firstName, secondName);
        }
    }

    /** Fails when {@code value} is set next to {@code bundleProperty}, whose SSL bundle supplies {@code what}. */
    private static void conflict(Object value, String property, String bundleProperty, String what) {
        if (isSet(value)) {
            throw new InvalidMqtt5PropertyException(property, "conflicts with " + bundleProperty + ", whose SSL bundle "
                    + "supplies " + what, "Remove " + property + ", or " + bundleProperty + ".");
        }
    }

    private static InvalidMqtt5PropertyException missingHalf(String missing, String present) {
        return new InvalidMqtt5PropertyException(missing, "is required when " + present + " is set",
                "Set " + missing + ", or remove " + present + ".");
    }

    private static void required(Object value, String property, String what) {
        if (!isSet(value)) {
            throw new InvalidMqtt5PropertyException(property, "is required", "Set it to " + what + ".");
        }
    }

    private static boolean isSet(Object value) {
        return value instanceof String text ? StringUtils.hasText(text) : value != null;
    }

    /** Fails unless the resource exists and can be read; the message names the resource, not its content. */
    static void readable(Resource resource, String property) {
        if (resource != null && !(resource.exists() && resource.isReadable())) {
            throw new InvalidMqtt5PropertyException(property, "cannot read " + resource.getDescription(),
                    "Point it at an existing, readable file (classpath:..., file:...) and check the file's permissions.");
        }
    }
}
