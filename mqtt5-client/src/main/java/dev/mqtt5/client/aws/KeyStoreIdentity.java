package dev.mqtt5.client.aws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Reads a private key and its certificate chain from a key store: a PKCS#12 file (with the JDK's
 * own PKCS#12 support, any OS) or a {@link KeyStore} the application loaded.
 */
final class KeyStoreIdentity {

    /** A key and its chain, leaf first. */
    record Identity(PrivateKey key, X509Certificate[] chain) {
    }

    private KeyStoreIdentity() {
    }

    static Identity loadPkcs12(Path path, char[] password) {
        Objects.requireNonNull(path, "aws.iot.mqtt5 pkcs12 path must not be null");
        Objects.requireNonNull(password, "aws.iot.mqtt5 pkcs12 password must not be null");
        KeyStore store;
        try (InputStream in = Files.newInputStream(path)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("aws.iot.mqtt5 pkcs12 path '" + path + "' does not exist", null);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new IllegalArgumentException("aws.iot.mqtt5 pkcs12 password is wrong for '" + path + "'", null);
            }
            throw new IllegalArgumentException("aws.iot.mqtt5 pkcs12 path '" + path
                    + "' is not a readable PKCS#12 file: " + e.getMessage(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("aws.iot.mqtt5 pkcs12 path '" + path + "' cannot be read: " + e.getMessage(),
                    null);
        }
        return single(store, password, "aws.iot.mqtt5 pkcs12 path '" + path + "'",
                "aws.iot.mqtt5 pkcs12 password does not unlock the key in '" + path
                        + "' (the key has its own password, which must equal the file's)");
    }

    /**
     * The key entry {@code alias} of {@code store}, or its only key entry when {@code alias} is
     * null, unlocked with {@code password}.
     */
    static Identity fromKeyStore(KeyStore store, String alias, char[] password) {
        Objects.requireNonNull(store, "aws.iot.mqtt5 java-keystore keyStore must not be null");
        Objects.requireNonNull(password, "aws.iot.mqtt5 java-keystore password must not be null");
        if (alias == null) {
            return single(store, password, "aws.iot.mqtt5 java-keystore", "aws.iot.mqtt5 java-keystore password does "
                    + "not unlock the key");
        }
        try {
            if (!store.isKeyEntry(alias)) {
                throw new IllegalArgumentException("aws.iot.mqtt5 java-keystore alias '" + alias + "' is not a private key"
                        + " entry of the key store; key entries: " + keyAliases(store));
            }
            return entry(store, alias, password, "aws.iot.mqtt5 java-keystore");
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("aws.iot.mqtt5 java-keystore password does not unlock the key '" + alias
                    + "'", null);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("aws.iot.mqtt5 java-keystore alias '" + alias + "' cannot be read: "
                    + e.getMessage(), null);
        }
    }

    private static Identity single(KeyStore store, char[] password, String source, String wrongPassword) {
        try {
            List<String> keyAliases = keyAliases(store);
            if (keyAliases.size() != 1) {
                throw new IllegalArgumentException(source + " holds " + keyAliases.size() + " private keys " + keyAliases
                        + "; it must hold exactly one key with its certificate chain");
            }
            return entry(store, keyAliases.get(0), password, source);
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException(wrongPassword, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(source + " cannot be read: " + e.getMessage(), null);
        }
    }

    private static List<String> keyAliases(KeyStore store) throws KeyStoreException {
        List<String> keyAliases = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keyAliases.add(alias);
            }
        }
        Collections.sort(keyAliases);
        return keyAliases;
    }

    private static Identity entry(KeyStore store, String alias, char[] password, String source)
            throws GeneralSecurityException {
        if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
            throw new IllegalArgumentException(source + " entry '" + alias + "' is not a private key");
        }
        Certificate[] chain = store.getCertificateChain(alias);
        if (chain == null || chain.length == 0) {
            throw new IllegalArgumentException(source + " has no certificate for key '" + alias + "'");
        }
        return new Identity(key, Arrays.stream(chain).map(X509Certificate.class::cast).toArray(X509Certificate[]::new));
    }
}
