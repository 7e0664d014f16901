package dev.mqtt5.spring.autoconfigure.awsiot;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.mqtt5.aws.iot.AwsIotServices;
import dev.mqtt5.aws.iot.shadow.ShadowClient;

/**
 * The thing's shadows: the classic one and the named ones listed in
 * {@code aws.iot.mqtt5.iot.shadow-names}, so that a mistyped name fails at once instead of
 * reading a shadow that does not exist.
 */
public final class AwsIotShadows {

    private final ShadowClient classic;

    private final Map<String, ShadowClient> named;

    AwsIotShadows(AwsIotServices services, String thingName, List<String> shadowNames) {
        this.classic = services.shadow(thingName);
        this.named = shadowNames.stream()
            .distinct()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), (name) -> services.namedShadow(thingName, name)));
    }

    /**
     * The thing's classic (unnamed) shadow.
     *
     * @return its client
     */
    public ShadowClient classic() {
        return this.classic;
    }

    /**
     * A named shadow of the thing.
     *
     * @param shadowName one of {@code aws.iot.mqtt5.iot.shadow-names}
     * @return its client
     * @throws IllegalArgumentException when the name is not listed
     */
    public ShadowClient named(String shadowName) {
        ShadowClient client = this.named.get(shadowName);
        if (client == null) {
            throw new IllegalArgumentException("named shadow '" + shadowName + "' is not in aws.iot.mqtt5.iot.shadow-names "
                    + this.named.keySet().stream().sorted().toList() + "; add it there");
        }
        return client;
    }
}
