package dev.mqtt5.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.mqtt5.client.Mqtt5Client;

import org.springframework.boot.ssl.SslBundles;

/**
 * The SSL bundles that {@code aws.iot.mqtt5.tls.bundle} and {@code mtls.bundle} name, each
 * resolved once while the client's options are built; once the client exists,
 * {@link #reconnectOnReload} makes a reload reconnect it ({@code tls.reconnect-on-bundle-update}).
 */
final class Mqtt5SslBundles {

    private final SslBundles bundles;

    private final Map<String, ReloadingSslBundle> resolved = new LinkedHashMap<>();

    /**
     * @param bundles Spring Boot's bundles, {@code null} when the context has none
     */
    Mqtt5SslBundles(SslBundles bundles) {
        this.bundles = bundles;
    }

    /** The bundle, following its reloads; fails naming {@code property} when it does not exist. */
    ReloadingSslBundle get(String name, String property) {
        ReloadingSslBundle bundle = this.resolved.get(name);
        if (bundle == null) {
            bundle = ReloadingSslBundle.resolve(this.bundles, name, property);
            this.resolved.put(name, bundle);
        }
        return bundle;
    }

    /** Reconnects the client at once whenever one of the bundles in use is reloaded. */
    void reconnectOnReload(Mqtt5Client client) {
        this.resolved.values().forEach((bundle) -> bundle.afterReload(client::reconnect));
    }
}
