package dev.mqtt5.spring.autoconfigure;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import dev.mqtt5.client.config.TlsOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * The TLS material of one SSL bundle ({@code spring.ssl.bundle.*}) for the client: key and trust
 * manager factories whose managers delegate to the bundle's current ones, replaced when Spring
 * Boot reloads the bundle ({@code reload-on-update}). The client's options are immutable, but
 * its TLS context asks these managers in every handshake, so the next connection attempt uses
 * the reloaded certificate. Each reload is logged at INFO in one line: the bundle, the property
 * that names it, the new client certificate's subject and expiry; never key material.
 */
final class ReloadingSslBundle {

    private static final Log logger = LogFactory.getLog(ReloadingSslBundle.class);

    private final String name;

    private final String property;

    private final boolean keyStore;

    private final boolean trustStore;

    private final SslOptions options;

    private final SwappableKeyManager keyManager;

    private final SwappableTrustManager trustManager;

    private final List<Runnable> reloadListeners = new CopyOnWriteArrayList<>();

    private ReloadingSslBundle(String name, String property, SslBundle bundle) {
        this.name = name;
        this.property = property;
        this.keyStore = bundle.getStores().getKeyStore() != null;
        this.trustStore = bundle.getStores().getTrustStore() != null;
        this.options = bundle.getOptions();
        this.keyManager = new SwappableKeyManager(bundle.getManagers().getKeyManagers());
        this.trustManager = new SwappableTrustManager(bundle.getManagers().getTrustManagers());
    }

    /**
     * Resolves the bundle and follows its reloads.
     *
     * @param bundles Spring Boot's bundles, {@code null} when the context has none
     * @param name the bundle's name
     * @param property the property that names it, for messages
     * @throws InvalidMqtt5PropertyException naming the property when there is no such bundle or it is unusable
     */
    static ReloadingSslBundle resolve(SslBundles bundles, String name, String property) {
        if (bundles == null) {
            throw new InvalidMqtt5PropertyException(property, "needs Spring Boot's SslBundles bean, which the context lacks",
                    "Keep SslAutoConfiguration (org.springframework.boot.autoconfigure.ssl) enabled, or define an "
                            + "SslBundles bean.");
        }
        SslBundle bundle;
        try {
            bundle = bundles.getBundle(name);
        } catch (NoSuchSslBundleException ex) {
            throw new InvalidMqtt5PropertyException(property, "names the SSL bundle '" + name + "', which does not exist"
                    + (bundles.getBundleNames().isEmpty() ? " (there is none)" : " (there are " + bundles.getBundleNames() + ")"),
                    "Define it under spring.ssl.bundle.pem." + name + ".* or spring.ssl.bundle.jks." + name
                            + ".*, or correct the name.", ex);
        }
        ReloadingSslBundle reloading;
        try {
            reloading = new ReloadingSslBundle(name, property, bundle);
        } catch (RuntimeException ex) {
            // Spring's messages name the bundle's files and the failure, never key material.
            throw new InvalidMqtt5PropertyException(property, "names the SSL bundle '" + name + "', which cannot be "
                    + "used: " + ex.getMessage(), "Check the spring.ssl.bundle.*." + name + ".* properties.", ex);
        }
        bundles.addBundleUpdateHandler(name, reloading::reloaded);
        return reloading;
    }

    /** Whether the bundle has a key store: a client certificate to present. */
    boolean hasKeyStore() {
        return this.keyStore;
    }

    /** Whether the bundle has a trust store; without one it trusts what the JVM trusts. */
    boolean hasTrustStore() {
        return this.trustStore;
    }

    /** The client certificate of the bundle, following its reloads. */
    KeyManagerFactory keyManagerFactory() {
        return this.keyManager.factory();
    }

    /** The certificate authorities the bundle trusts, following its reloads. */
    TrustManagerFactory trustManagerFactory() {
        return this.trustManager.factory();
    }

    /** Applies what the bundle's key store and trust store and options hold to the client's TLS options. */
    void applyTo(TlsOptions.Builder tls, boolean identity) {
        if (identity && this.keyStore) {
            tls.keyManagerFactory(keyManagerFactory());
        }
        if (this.trustStore) {
            tls.trustManagerFactory(trustManagerFactory());
        }
        // Read once: the client's protocols and ciphers are fixed when it is built.
        if (this.options.getEnabledProtocols() != null) {
            tls.protocols(Arrays.asList(this.options.getEnabledProtocols()));
        }
        if (this.options.getCiphers() != null) {
            tls.cipherSuites(Arrays.asList(this.options.getCiphers()));
        }
    }

    /** Runs {@code listener} after each reload, once the new material is in place. */
    void afterReload(Runnable listener) {
        this.reloadListeners.add(listener);
    }

    private void reloaded(SslBundle bundle) {
        try {
            this.keyManager.swap(bundle.getManagers().getKeyManagers());
            this.trustManager.swap(bundle.getManagers().getTrustManagers());
        } catch (RuntimeException ex) {
            logger.warn("SSL bundle '" + this.name + "' (" + this.property + ") was reloaded but cannot be used, the "
                    + "client keeps the previous material: " + ex.getMessage());
            return;
        }
        if (logger.isInfoEnabled()) {
            logger.info("SSL bundle '" + this.name + "' (" + this.property + ") reloaded: " + describe(bundle) + "; "
                    + (this.reloadListeners.isEmpty() ? "the next connection uses it"
                            : "reconnecting now (aws.iot.mqtt5.tls.reconnect-on-bundle-update)"));
        }
        this.reloadListeners.forEach(Runnable::run);
    }

    /** The client certificate's subject and expiry, or the number of trusted certificates. */
    private static String describe(SslBundle bundle) {
        KeyStore keys = bundle.getStores().getKeyStore();
        X509Certificate certificate = (keys != null) ? leaf(keys, bundle.getKey().getAlias()) : null;
        if (certificate != null) {
            return "client certificate " + certificate.getSubjectX500Principal().getName() + ", valid until "
                    + certificate.getNotAfter().toInstant();
        }
        KeyStore trust = bundle.getStores().getTrustStore();
        try {
            return (trust != null) ? "trust store of " + trust.size() + " certificates" : "no key store or trust store";
        } catch (KeyStoreException ex) {
            return "trust store";
        }
    }

    private static X509Certificate leaf(KeyStore keys, String alias) {
        try {
            for (String candidate : (alias != null) ? List.of(alias) : Collections.list(keys.aliases())) {
                Certificate certificate = keys.isKeyEntry(candidate) ? keys.getCertificate(candidate) : null;
                if (certificate instanceof X509Certificate x509) {
                    return x509;
                }
            }
        } catch (KeyStoreException ex) {
            // described without the certificate
        }
        return null;
    }
}
