package dev.mqtt5.spring.autoconfigure;

import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that delegates to another one, replaced at once by {@link #swap}: the next TLS
 * handshake checks the server against the new trust material. The delegate must be an
 * {@link X509ExtendedTrustManager} (the JDK's are), which checks the host name with the engine's
 * parameters; a plain one would skip that check.
 */
final class SwappableTrustManager extends X509ExtendedTrustManager {

    private volatile X509ExtendedTrustManager delegate;

    SwappableTrustManager(TrustManager[] managers) {
        this.delegate = extended(managers);
    }

    /** Checks servers with these managers from the next handshake on. */
    void swap(TrustManager[] managers) {
        this.delegate = extended(managers);
    }

    /** A factory whose only manager is this one. */
    TrustManagerFactory factory() {
        TrustManager[] managers = { this };
        return new TrustManagerFactory(new TrustManagerFactorySpi() {

            @Override
            protected void engineInit(KeyStore keyStore) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters parameters) {
            }

            @Override
            protected TrustManager[] engineGetTrustManagers() {
                return managers;
            }

        }, SwappableKeyManager.SslBundleProvider.INSTANCE, "SslBundle") {
        };
    }

    private static X509ExtendedTrustManager extended(TrustManager[] managers) {
        for (TrustManager manager : managers) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new IllegalStateException("the SSL bundle has no X509ExtendedTrustManager, which host name "
                + "verification needs");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        this.delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        this.delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        this.delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        this.delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        this.delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        this.delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return this.delegate.getAcceptedIssuers();
    }
}
