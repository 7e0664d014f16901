package dev.mqtt5.aws.iot.rr;

/** Names the service and operation of an AWS IoT request topic, for metrics. */
final class ServiceTopics {

    private ServiceTopics() {
    }

    /**
     * The service and operation of a request topic: {@code $aws/things/T/shadow[/name/N]/OP},
     * {@code $aws/things/T/jobs/get|start-next}, {@code $aws/things/T/jobs/ID/get|update},
     * {@code $aws/certificates/create[-from-csr]/json},
     * {@code $aws/provisioning-templates/T/provision/json}.
     */
    static String[] operation(String topic) {
        String[] levels = topic.split("/");
        if (levels.length >= 5 && levels[0].equals("$aws") && levels[1].equals("things")) {
            String last = levels[levels.length - 1];
            if (levels[3].equals("shadow")) {
                return new String[] {"shadow", last};
            }
            if (levels[3].equals("jobs")) {
                if (levels.length == 5) {
                    return new String[] {"jobs", last.equals("get") ? "get-pending" : last};
                }
                return new String[] {"jobs", last.equals("get") ? "describe" : last};
            }
        }
        if (topic.startsWith("$aws/certificates/create-from-csr/")) {
            return new String[] {"provisioning", "create-certificate-from-csr"};
        }
        if (topic.startsWith("$aws/certificates/create/")) {
            return new String[] {"provisioning", "create-keys-and-certificate"};
        }
        if (topic.startsWith("$aws/provisioning-templates/")) {
            return new String[] {"provisioning", "register-thing"};
        }
        return new String[] {"other", "other"};
    }
}
