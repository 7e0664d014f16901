package dev.mqtt5.bench.spring;

import java.util.List;
import java.util.function.Function;

/** The Spring-level contenders, in the order the workload interleaves them. */
public enum SpringContenders {
    TEMPLATE("ours-template", latency -> new OursTemplateContender()),
    OURS_SI("ours-si", latency -> new OursIntegrationContender()),
    SI_PAHO("si-paho", PahoIntegrationContender::new),
    BARE("bare-client", latency -> new BareClientContender());

    private final String label;
    private final Function<Boolean, SpringContender> factory;

    SpringContenders(String label, Function<Boolean, SpringContender> factory) {
        this.label = label;
        this.factory = factory;
    }

    public String label() {
        return label;
    }

    /**
     * A new contender; {@code latency} says it serves the latency cells, so that a library whose
     * documentation recommends different settings for latency gets them (only Paho: TCP_NODELAY).
     */
    public SpringContender create(boolean latency) {
        return factory.apply(latency);
    }

    public static List<String> labels() {
        return java.util.Arrays.stream(values()).map(SpringContenders::label).toList();
    }

    public static SpringContenders byLabel(String label) {
        for (SpringContenders c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown contender '" + label + "'; one of " + labels());
    }
}
