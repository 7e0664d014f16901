package dev.mqtt5.bench.clients;

import java.util.List;
import java.util.function.Supplier;

/** The client libraries under comparison, in the order the harness interleaves them. */
public enum Clients {
    OURS("ours", OursAdapter::new),
    AWS_CRT("aws-crt", AwsCrtAdapter::new),
    HIVEMQ("hivemq", HiveMqAdapter::new),
    PAHO("paho", PahoAdapter::new),
    RAW("raw-socket", RawSocketAdapter::new);

    private final String label;
    private final Supplier<ClientAdapter> factory;

    Clients(String label, Supplier<ClientAdapter> factory) {
        this.label = label;
        this.factory = factory;
    }

    public String label() {
        return label;
    }

    public ClientAdapter create() {
        return factory.get();
    }

    /** The three peer libraries (not ours, not the baseline). */
    public static final List<Clients> PEERS = List.of(AWS_CRT, HIVEMQ, PAHO);

    public static Clients byLabel(String label) {
        for (Clients c : values()) {
            if (c.label.equals(label) || c.name().equalsIgnoreCase(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown client '" + label + "'; one of ours, aws-crt, hivemq, paho, raw-socket");
    }
}
