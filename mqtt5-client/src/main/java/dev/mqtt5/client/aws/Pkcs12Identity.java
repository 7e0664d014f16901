package dev.mqtt5.client.aws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Reads the private key and certificate chain of a PKCS#12 file with the JDK's own PKCS#12 support (any OS). */
final class Pkcs12Identity {

    /** A key and its chain, leaf first. */
    record Identity(PrivateKey key, X509Certificate[] chain) {
    }

    private Pkcs12Identity() {
    }

    static Identity load(Path path, char[] password) {
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
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.size() != 1) {
                throw new IllegalArgumentException("aws.iot.mqtt5 pkcs12 path '" + path + "' holds " + keyAliases.size()
                        + " private keys " + keyAliases + "; it must hold exactly one key with its certificate chain");
            }
            String alias = keyAliases.get(0);
            PrivateKey key = (PrivateKey) store.getKey(alias, password);
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw new IllegalArgumentException("aws.iot.mqtt5 pkcs12 path '" + path + "' has no certificate for key '"
                        + alias + "'");
            }
            return new Identity(key, Arrays.stream(chain).map(X509Certificate.class::cast).toArray(X509Certificate[]::new));
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("aws.iot.mqtt5 pkcs12 password does not unlock the key in '" + path
                    + "' (the key has its own password, which must equal the file's)", null);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("aws.iot.mqtt5 pkcs12 path '" + path + "' cannot be read: " + e.getMessage(),
                    null);
        }
    }
}
