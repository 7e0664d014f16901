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

    /** The thing name of {@code $aws/things/<thing>/<service>/...}, or null for another topic. */
    static String thingOf(String topic, String service) {
        String[] levels = topic.split("/", 5);
        return (levels.length >= 4 && levels[0].equals("$aws") && levels[1].equals("things")
                && levels[3].equals(service)) ? levels[2] : null;
    }
}
