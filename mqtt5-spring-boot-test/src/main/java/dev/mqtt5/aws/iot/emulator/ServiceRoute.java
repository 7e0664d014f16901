package dev.mqtt5.aws.iot.emulator;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How the emulator hands one service its requests.
 *
 * @param filters the request topic filters the emulator subscribes to for the service
 * @param throttleKey the key in-flight requests are counted by (the thing name), or null for a
 *     topic that is not the service's
 * @param handle answers a request
 * @param throttled answers a request over the in-flight limit
 * @param failed answers a request with the service's internal error
 */
record ServiceRoute(List<String> filters, Function<String, String> throttleKey, Consumer<ServiceRequest> handle,
        Consumer<ServiceRequest> throttled, Consumer<ServiceRequest> failed) {

    private static final List<String> SHADOW_FILTERS = List.of(
            "$aws/things/+/shadow/get", "$aws/things/+/shadow/update", "$aws/things/+/shadow/delete",
            "$aws/things/+/shadow/name/+/get", "$aws/things/+/shadow/name/+/update",
            "$aws/things/+/shadow/name/+/delete");

    // Two levels of wildcards so that a request to a topic that is no Jobs API gets InvalidTopic.
    private static final List<String> JOBS_FILTERS = List.of("$aws/things/+/jobs/+", "$aws/things/+/jobs/+/+");

    private static final List<String> PROVISIONING_FILTERS = List.of("$aws/certificates/create/json",
            "$aws/certificates/create-from-csr/json", "$aws/provisioning-templates/+/provision/json");

    private static final String PROVISIONING = "$provisioning";

    /** The routes of the three services, with the filters each needs and the throttling key each uses. */
    static List<ServiceRoute> all(ShadowService shadows, JobsService jobs, FleetProvisioningService provisioning) {
        return List.of(
                new ServiceRoute(SHADOW_FILTERS, (topic) -> ServiceRoute.thingOf(topic, "shadow"), shadows::handle,
                        (request) -> shadows.reject(request, 429, "Too Many Requests"),
                        (request) -> shadows.reject(request, 500, "Internal service failure")),
                new ServiceRoute(JOBS_FILTERS, (topic) -> ServiceRoute.thingOf(topic, "jobs"), jobs::handle,
                        (request) -> jobs.reject(request, "RequestThrottled", "The request was throttled"),
                        (request) -> jobs.reject(request, "InternalError", "Internal error")),
                new ServiceRoute(PROVISIONING_FILTERS,
                        (topic) -> (topic.startsWith("$aws/certificates/")
                                || topic.startsWith("$aws/provisioning-templates/")) ? PROVISIONING : null,
                        provisioning::handle,
                        (request) -> provisioning.reject(request, 429, "Throttled", "The request was throttled"),
                        (request) -> provisioning.reject(request, 500, "InternalFailure", "Internal failure")));
    }

    /** The thing name of {@code $aws/things/<thing>/<service>/...}, or null for another topic. */
    static String thingOf(String topic, String service) {
        String[] levels = topic.split("/", 5);
        return (levels.length >= 4 && levels[0].equals("$aws") && levels[1].equals("things")
                && levels[3].equals(service)) ? levels[2] : null;
    }
}
