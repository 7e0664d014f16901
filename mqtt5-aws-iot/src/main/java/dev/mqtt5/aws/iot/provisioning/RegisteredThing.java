package dev.mqtt5.aws.iot.provisioning;

import java.util.Map;

/**
 * The reply to RegisterThing.
 *
 * @param thingName the thing the template created or found
 * @param deviceConfiguration the template's device configuration, empty when none
 */
public record RegisteredThing(String thingName, Map<String, String> deviceConfiguration) {

    /**
     * Copies the configuration.
     *
     * @param thingName the thing's name
     * @param deviceConfiguration the device configuration
     */
    public RegisteredThing {
        deviceConfiguration = deviceConfiguration == null ? Map.of() : Map.copyOf(deviceConfiguration);
    }
}
