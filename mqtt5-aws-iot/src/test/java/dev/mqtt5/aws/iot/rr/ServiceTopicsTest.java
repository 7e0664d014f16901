package dev.mqtt5.aws.iot.rr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The service and operation the request metrics name, for each documented request topic. */
class ServiceTopicsTest {

    @ParameterizedTest
    @CsvSource({
        "$aws/things/lamp-1/shadow/get, shadow, get",
        "$aws/things/lamp-1/shadow/update, shadow, update",
        "$aws/things/lamp-1/shadow/name/config/delete, shadow, delete",
        "$aws/things/lamp-1/jobs/get, jobs, get-pending",
        "$aws/things/lamp-1/jobs/start-next, jobs, start-next",
        "$aws/things/lamp-1/jobs/$next/get, jobs, describe",
        "$aws/things/lamp-1/jobs/job-7/get, jobs, describe",
        "$aws/things/lamp-1/jobs/job-7/update, jobs, update",
        "$aws/certificates/create/json, provisioning, create-keys-and-certificate",
        "$aws/certificates/create-from-csr/json, provisioning, create-certificate-from-csr",
        "$aws/provisioning-templates/fleet/provision/json, provisioning, register-thing",
        "factory/line-1/request, other, other",
    })
    void namesTheServiceAndOperationOfARequestTopic(String topic, String service, String operation) {
        assertThat(ServiceTopics.operation(topic)).containsExactly(service, operation);
    }
}
