package dev.mqtt5.aws.iot.docs;

import dev.mqtt5.aws.iot.AwsIotServices;
import dev.mqtt5.aws.iot.jobs.JobExecution;
import dev.mqtt5.aws.iot.jobs.JobExecutionUpdate;
import dev.mqtt5.aws.iot.jobs.JobStatus;
import dev.mqtt5.aws.iot.jobs.JobsClient;
import dev.mqtt5.aws.iot.jobs.JobsErrorCode;
import dev.mqtt5.aws.iot.jobs.JobsException;
import dev.mqtt5.aws.iot.provisioning.CsrGenerator;
import dev.mqtt5.aws.iot.provisioning.FleetProvisioningClient;
import dev.mqtt5.aws.iot.provisioning.ProvisionedIdentity;
import dev.mqtt5.aws.iot.rr.RequestResponseOptions;
import dev.mqtt5.aws.iot.rr.StreamingOperation;
import dev.mqtt5.aws.iot.shadow.ShadowClient;
import dev.mqtt5.aws.iot.shadow.ShadowDocument;
import dev.mqtt5.aws.iot.shadow.ShadowUpdate;
import dev.mqtt5.client.Mqtt5Client;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Java code of mqtt5-aws-iot/README.md, compiled with the tests: each README block is the
 * region of the same tag here ({@code ReadmeSnippetsTest} checks that they match), and these
 * imports are the ones it needs. Never run: the methods only have to compile.
 */
@SuppressWarnings("unused")
final class AwsIotReadmeSnippets {

    record Lamp(String color, Integer brightness) {
    }

    interface Firmware {
        void install(JobExecution execution);
    }

    private AwsIotReadmeSnippets() {
    }

    static void shadow(Mqtt5Client client) {
        // tag::shadow[]
        AwsIotServices services = AwsIotServices.builder(client).build();   // client: started, connected or not
        ShadowClient shadow = services.shadow("lamp-1");                     // or services.namedShadow("lamp-1", "config")

        ShadowDocument<Lamp> current = shadow.get(Lamp.class).join();       // desired, reported, delta, version
        shadow.update(ShadowUpdate.reported(new Lamp("red", 80))).join();

        StreamingOperation deltas = shadow.deltas(Lamp.class,
                delta -> System.out.println("apply " + delta.state() + " (version " + delta.version() + ")"),
                status -> System.out.println(status.type()));                // ESTABLISHED, LOST, HALTED
        // Read, change, write with the version read; on 409 read again and retry, 3 times at most.
        shadow.updateOptimistically(Lamp.class, latest -> {                 // latest: null if there is no shadow yet
            Lamp desired = latest == null ? null : latest.state().desired();
            return ShadowUpdate.desired(new Lamp("green", desired == null ? 50 : desired.brightness()));
        }, 3).join();
        deltas.close();
        // end::shadow[]
    }

    static void jobs(AwsIotServices services, Firmware firmware) {
        // tag::jobs[]
        JobsClient jobs = services.jobs("robot-7");
        jobs.nextExecutionChanged(next -> {
            if (next.execution() == null) {
                return;                                                     // nothing left to do
            }
            JobExecution execution = jobs.startNext(Map.of("step", "download"), Duration.ofMinutes(30)).join();
            firmware.install(execution);
            try {
                jobs.update(JobExecutionUpdate.builder(execution.jobId(), JobStatus.SUCCEEDED)
                        .expectedVersion(execution.versionNumber())
                        .statusDetail("result", "installed").build()).join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof JobsException rejected
                        && rejected.code() == JobsErrorCode.VERSION_MISMATCH) {
                    System.out.println("someone else moved it to " + rejected.executionState().status());
                }
            }
        }, null);
        // end::jobs[]
    }

    static void provisioning(Mqtt5Client claimClient) {
        // tag::provisioning[]
        try (AwsIotServices claim = AwsIotServices.builder(claimClient).build()) {  // connected with the claim certificate
            FleetProvisioningClient provisioning = claim.fleetProvisioning();
            ProvisionedIdentity identity = provisioning.provisionWithCsr("factory-template",
                    Map.of("SerialNumber", "SN-0042"), CsrGenerator.KeyType.EC_P256).join();
            // The key pair was made here; only the CSR went to AWS IoT. Store both, then
            // reconnect as identity.thingName() with identity.certificatePem() and identity.privateKeyPem().
        }
        // end::provisioning[]
    }

    static void options(Mqtt5Client client, JsonMapper mapper) {
        // tag::options[]
        AwsIotServices services = AwsIotServices.builder(client)
                .jsonMapper(mapper)                                   // your modules and naming for the state types
                .requestResponseOptions(RequestResponseOptions.builder()
                        .maxRequestResponseSubscriptions(6)           // response topics of requests in progress
                        .maxStreamingSubscriptions(20)                // topics of open streams
                        .operationTimeout(Duration.ofSeconds(30))     // per request, from submission to reply
                        .build())
                .build();
        // end::options[]
    }
}
