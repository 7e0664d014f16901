package dev.mqtt5.client.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;

/**
 * A client identity whose private key stays on a PKCS#11 token: the JDK's SunPKCS11 provider is
 * configured for the library and slot, logged in with the user PIN, and the key is looked up by
 * its label; TLS signs with it through the provider. One provider per library and slot is
 * created and registered for the JVM's lifetime.
 */
final class Pkcs11Identity {

    private static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>();

    private Pkcs11Identity() {
    }

    /**
     * Opens the token and returns a key manager factory presenting its key with {@code chain}.
     *
     * @param slotId the slot, or {@code null} to resolve {@code tokenLabel}
     * @param privateKeyLabel the key's label, or {@code null} when the token holds exactly one key
     */
    static KeyManagerFactory keyManagerFactory(Path library, char[] userPin, Long slotId, String tokenLabel,
            String privateKeyLabel, Path certPath) {
        Objects.requireNonNull(library, "aws.iot.mqtt5 pkcs11 library must not be null");
        Objects.requireNonNull(userPin, "aws.iot.mqtt5 pkcs11 userPin must not be null");
        Objects.requireNonNull(certPath, "aws.iot.mqtt5 pkcs11 certPath must not be null");
        List<X509Certificate> chain = PemMaterial.certificates(PemMaterial.read(certPath, "aws.iot.mqtt5 pkcs11 certPath"),
                "aws.iot.mqtt5 pkcs11 certPath", "'" + certPath + "'");
        if (!Files.isReadable(library)) {
            throw new IllegalArgumentException("aws.iot.mqtt5 pkcs11 library '" + library
                    + "' does not exist or is not readable; give the path of the PKCS#11 module (.so/.dll)");
        }
        long slot = slotId != null ? slotId : Pkcs11TokenSlots.slotOf(library, tokenLabel);
        Provider provider = provider(library, slot);
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, userPin);
        } catch (IOException | GeneralSecurityException | ProviderException e) {
            throw new IllegalArgumentException("aws.iot.mqtt5 pkcs11 userPin was refused by the token in slot " + slot
                    + " (" + pkcs11Reason(e) + "); check the PIN", null);
        }
        PrivateKey key = privateKey(store, privateKeyLabel, slot);
        return FixedIdentityKeyManager.factory("pkcs11", key, chain.toArray(X509Certificate[]::new));
    }

    private static Provider provider(Path library, long slot) {
        String name = "mqtt5-" + Integer.toHexString(library.toAbsolutePath().toString().hashCode()) + "-" + slot;
        return PROVIDERS.computeIfAbsent(name, n -> {
            String config = "--name = " + n + "\nlibrary = " + library.toAbsolutePath() + "\nslot = " + slot + "\n";
            try {
                Provider configured = Security.getProvider("SunPKCS11").configure(config);
                Security.addProvider(configured); // JSSE finds the token's signature through registered providers
                return configured;
            } catch (ProviderException | IllegalArgumentException e) {
                throw new IllegalArgumentException("aws.iot.mqtt5 pkcs11 library '" + library + "' slot " + slot
                        + " cannot be used: " + pkcs11Reason(e) + "; check slotId/tokenLabel and the library", e);
            }
        });
    }

    private static PrivateKey privateKey(KeyStore store, String label, long slot) {
        try {
            List<String> keyLabels = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyLabels.add(alias);
                }
            }
            String chosen = label;
            if (chosen == null) {
                if (keyLabels.size() != 1) {
                    throw new IllegalArgumentException("aws.iot.mqtt5 pkcs11 privateKeyLabel is not set and the token in slot "
                            + slot + " holds " + keyLabels.size() + " private keys " + keyLabels + "; set privateKeyLabel");
                }
                chosen = keyLabels.get(0);
            }
            if (store.getKey(chosen, null) instanceof PrivateKey key) {
                return key;
            }
            throw new IllegalArgumentException("aws.iot.mqtt5 pkcs11 privateKeyLabel '" + chosen
                    + "' matches no private key on the token in slot " + slot + "; private keys present: " + keyLabels);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("aws.iot.mqtt5 pkcs11 privateKeyLabel '" + label
                    + "' cannot be read from the token in slot " + slot + ": " + pkcs11Reason(e), e);
        }
    }

    /** The innermost message, which for PKCS#11 errors carries the CKR_ code. */
    private static String pkcs11Reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
