package dev.mqtt5.client.aws;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Always presents one private key with its chain, for keys the JDK cannot put in a key store of
 * its own (a token's key, a key whose operations a callback performs).
 */
final class FixedIdentityKeyManager extends X509ExtendedKeyManager {

    private final String alias;
    private final PrivateKey key;
    private final X509Certificate[] chain;

    private FixedIdentityKeyManager(String alias, PrivateKey key, X509Certificate[] chain) {
        this.alias = alias;
        this.key = key;
        this.chain = chain.clone();
    }

    /** A key manager factory whose one key manager presents {@code key} and {@code chain}. */
    static KeyManagerFactory factory(String alias, PrivateKey key, X509Certificate[] chain) {
        KeyManager manager = new FixedIdentityKeyManager(alias, key, chain);
        return new KeyManagerFactory(new KeyManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore ks, char[] password) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters spec) {
            }

            @Override
            protected KeyManager[] engineGetKeyManagers() {
                return new KeyManager[] {manager};
            }
        }, null, alias) {
        };
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {alias};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return alias;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return alias;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return chain.clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return key;
    }
}
