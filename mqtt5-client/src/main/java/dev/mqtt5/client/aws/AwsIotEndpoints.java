package dev.mqtt5.client.aws;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an AWS IoT Core data endpoint's host name tells: its region. */
public final class AwsIotEndpoints {

    /**
     * {@code <prefix>-ats.iot.<region>.amazonaws.com} (and the legacy, FIPS and China forms):
     * the label after {@code iot.} or {@code iot-fips.} is the region.
     */
    private static final Pattern REGION = Pattern.compile(
            "(?:^|\\.)iot(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.amazonaws\\.com(?:\\.cn)?\\.?$");

    private AwsIotEndpoints() {
    }

    /**
     * Returns the region named by an AWS IoT Core endpoint, such as {@code eu-west-1} for
     * {@code a1b2c3-ats.iot.eu-west-1.amazonaws.com}.
     *
     * @param endpoint the endpoint's host name
     * @return the region, or empty when the host name is not of that form (a custom domain, a
     *     VPC endpoint, a local broker)
     */
    public static Optional<String> region(String endpoint) {
        if (endpoint == null) {
            return Optional.empty();
        }
        Matcher matcher = REGION.matcher(endpoint.trim().toLowerCase(Locale.ROOT));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * Returns the endpoint's region, for a setting whose region was not given.
     *
     * @param endpoint the endpoint's host name
     * @param setting the setting that would have given the region, named in the failure
     * @return the region
     * @throws IllegalArgumentException naming {@code setting} when the endpoint names no region
     */
    public static String requireRegion(String endpoint, String setting) {
        return region(endpoint).orElseThrow(() -> new IllegalArgumentException(setting + " is not set and endpoint '"
                + endpoint + "' does not name one (<prefix>-ats.iot.<region>.amazonaws.com); set the region, such as "
                + "'us-east-1'"));
    }
}
