package dev.mqtt5.spring.autoconfigure;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * A key manager that delegates to another one, replaced at once by {@link #swap}: the JDK asks it
 * for the client certificate in each TLS handshake, so a handshake after a swap presents the new
 * certificate, and one in progress finishes with the one it chose.
 */
final class SwappableKeyManager extends X509ExtendedKeyManager {

    /** An X509ExtendedKeyManager chooses for engines itself; a plain one as for sockets. */
    private volatile X509KeyManager delegate;

    SwappableKeyManager(KeyManager[] managers) {
        this.delegate = x509(managers);
    }

    /** Presents the certificate of these managers from the next handshake on. */
    void swap(KeyManager[] managers) {
        this.delegate = x509(managers);
    }

    /** A factory whose only manager is this one. */
    KeyManagerFactory factory() {
        KeyManager[] managers = { this };
        return new KeyManagerFactory(new KeyManagerFactorySpi() {

            @Override
            protected void engineInit(KeyStore keyStore, char[] password) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters parameters) {
            }

            @Override
            protected KeyManager[] engineGetKeyManagers() {
                return managers;
            }

        }, SslBundleProvider.INSTANCE, "SslBundle") {
        };
    }

    private static X509KeyManager x509(KeyManager[] managers) {
        for (KeyManager manager : managers) {
            if (manager instanceof X509KeyManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the SSL bundle has no X.509 key manager");
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return this.delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return this.delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        X509KeyManager current = this.delegate;
        return (current instanceof X509ExtendedKeyManager extended)
                ? extended.chooseEngineClientAlias(keyType, issuers, engine)
                : current.chooseClientAlias(keyType, issuers, null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return this.delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return this.delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        X509KeyManager current = this.delegate;
        return (current instanceof X509ExtendedKeyManager extended)
                ? extended.chooseEngineServerAlias(keyType, issuers, engine)
                : current.chooseServerAlias(keyType, issuers, null);
    }

    // The chain and the key are looked up by the alias chosen a moment before. A swap in that
    // instant may answer from two delegates (or not know the alias); that one handshake then
    // fails, and the client's next attempt presents the new certificate.

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return this.delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return this.delegate.getPrivateKey(alias);
    }

    /** The provider named by the factories of the swappable managers. */
    static final class SslBundleProvider extends Provider {

        private static final long serialVersionUID = 1L;

        static final SslBundleProvider INSTANCE = new SslBundleProvider();

        private SslBundleProvider() {
            super("Mqtt5SslBundle", "1.0", "Key and trust managers that follow a reloaded Spring Boot SSL bundle");
        }
    }
}
