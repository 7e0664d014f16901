package dev.mqtt5.aws.iot.emulator;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fleet provisioning template as the emulator knows it: its name (the {@code <templateName>}
 * of {@code $aws/provisioning-templates/<templateName>/provision/json}), the thing name it makes
 * from the request's parameters with {@code ${Parameter}} references (e.g. {@code "device-${SerialNumber}"},
 * as a template's {@code ThingName} property with {@code Fn::Join} and {@code Ref} would), the
 * parameters a request must give, and the {@code deviceConfiguration} the response returns.
 * Not modelled: the rest of a template body (policies, thing groups, attributes) and
 * pre-provisioning hooks.
 *
 * @param name the template name
 * @param thingNameTemplate the thing name, with {@code ${Parameter}} references
 * @param requiredParameters parameters a RegisterThing request must give (besides those the name refers to)
 * @param deviceConfiguration what RegisterThing returns as {@code deviceConfiguration}
 */
public record ProvisioningTemplate(String name, String thingNameTemplate, Set<String> requiredParameters,
        Map<String, String> deviceConfiguration) {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    /** Checks the components and copies the collections. */
    public ProvisioningTemplate {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(thingNameTemplate, "thingNameTemplate must not be null");
        requiredParameters = Set.copyOf(requiredParameters);
        deviceConfiguration = Map.copyOf(deviceConfiguration);
    }

    /**
     * A template with no extra required parameters and an empty device configuration.
     *
     * @param name the template name
     * @param thingNameTemplate the thing name, with {@code ${Parameter}} references
     * @return the template
     */
    public static ProvisioningTemplate of(String name, String thingNameTemplate) {
        return new ProvisioningTemplate(name, thingNameTemplate, Set.of(), Map.of());
    }

    /**
     * This template with other required parameters.
     *
     * @param parameters the parameter names a request must give
     * @return a new template
     */
    public ProvisioningTemplate withRequiredParameters(String... parameters) {
        return new ProvisioningTemplate(name, thingNameTemplate, Set.of(parameters), deviceConfiguration);
    }

    /**
     * This template with another device configuration.
     *
     * @param configuration the {@code deviceConfiguration} of the response
     * @return a new template
     */
    public ProvisioningTemplate withDeviceConfiguration(Map<String, String> configuration) {
        return new ProvisioningTemplate(name, thingNameTemplate, requiredParameters, configuration);
    }

    /**
     * The thing name for a request's parameters.
     *
     * @throws IllegalArgumentException naming the first missing parameter
     */
    String thingName(Map<String, String> parameters) {
        for (String required : this.requiredParameters) {
            if (!parameters.containsKey(required)) {
                throw new IllegalArgumentException("Missing required parameter: " + required);
            }
        }
        Matcher matcher = REFERENCE.matcher(this.thingNameTemplate);
        StringBuilder thingName = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("Missing required parameter: " + matcher.group(1));
            }
            matcher.appendReplacement(thingName, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(thingName);
        return thingName.toString();
    }
}
