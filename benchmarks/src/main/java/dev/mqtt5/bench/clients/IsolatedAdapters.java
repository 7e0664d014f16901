package dev.mqtt5.bench.clients;

import java.lang.reflect.Constructor;

/**
 * Makes one library's adapter without loading the others: {@link Clients} holds a constructor
 * reference to every adapter, so touching it loads every library's classes (and verifies Paho's
 * signed jar), which a fresh JVM measuring one library's start-up must not pay.
 */
public final class IsolatedAdapters {

    private IsolatedAdapters() {
    }

    /** A new adapter for the client with this label (ours, aws-crt, hivemq, paho, raw-socket). */
    public static ClientAdapter create(String label) throws ReflectiveOperationException {
        String simpleName = switch (label) {
            case "ours" -> "OursAdapter";
            case "aws-crt" -> "AwsCrtAdapter";
            case "hivemq" -> "HiveMqAdapter";
            case "paho" -> "PahoAdapter";
            case "raw-socket" -> "RawSocketAdapter";
            default -> throw new IllegalArgumentException("unknown client '" + label + "'");
        };
        Constructor<?> constructor = Class.forName(IsolatedAdapters.class.getPackageName() + "." + simpleName)
                .getDeclaredConstructor();
        constructor.setAccessible(true);
        return (ClientAdapter) constructor.newInstance();
    }
}
