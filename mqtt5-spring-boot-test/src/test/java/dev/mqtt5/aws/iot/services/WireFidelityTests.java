package dev.mqtt5.aws.iot.services;

import static dev.mqtt5.aws.iot.services.SdkClients.recordedOn;
import static dev.mqtt5.aws.iot.services.SdkClients.settle;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.aws.iot.emulator.ProvisioningTemplate;
import dev.mqtt5.aws.iot.emulator.RecordedRequest;
import dev.mqtt5.aws.iot.jobs.JobExecutionUpdate;
import dev.mqtt5.aws.iot.jobs.JobStatus;
import dev.mqtt5.aws.iot.jobs.JobsClient;
import dev.mqtt5.aws.iot.provisioning.CreatedCertificate;
import dev.mqtt5.aws.iot.provisioning.CsrGenerator;
import dev.mqtt5.aws.iot.shadow.ShadowClient;
import dev.mqtt5.aws.iot.shadow.ShadowUpdate;
import dev.mqtt5.client.testing.MosquittoExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.iot.iotidentity.model.CreateCertificateFromCsrRequest;
import software.amazon.awssdk.iot.iotidentity.model.CreateKeysAndCertificateRequest;
import software.amazon.awssdk.iot.iotidentity.model.RegisterThingRequest;
import software.amazon.awssdk.iot.iotjobs.model.DescribeJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.GetPendingJobExecutionsRequest;
import software.amazon.awssdk.iot.iotjobs.model.StartNextPendingJobExecutionRequest;
import software.amazon.awssdk.iot.iotjobs.model.UpdateJobExecutionRequest;
import software.amazon.awssdk.iot.iotshadow.model.DeleteNamedShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.DeleteShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.GetNamedShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.GetShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.ShadowState;
import software.amazon.awssdk.iot.iotshadow.model.UpdateNamedShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.UpdateShadowRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The same logical request, through our library and through the AWS IoT Device SDK's V2 clients,
 * reaches the emulator on the same topic with the same JSON: the recorded payloads are parsed and
 * compared as trees, with only the generated {@code clientToken} value set aside (both send one,
 * or neither does).
 *
 * <p>"The same inputs" means the SDK request states what our API states: our {@code JobsClient}
 * always sends {@code includeJobDocument} (describe) and {@code includeJobExecutionState} and
 * {@code includeJobDocument} (update), as {@code true} or {@code false}, where the SDK leaves out a
 * field it was not given; the SDK request here is given the same values. The guide documents the
 * update flags as optional with default {@code false}, so a plain update means the same either way;
 * for describe's {@code includeJobDocument} the AWS documentation has said both "default false" and
 * "default true" over time, which is why our client states it.
 */
class WireFidelityTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static final JsonMapper JSON = JsonMapper.builder().build();

    static AwsIotEmulator emulator;

    static LibraryDevice ours;

    static SdkClients sdk;

    String thing;

    @BeforeAll
    static void start() {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .build().start();
        emulator.provisioning().registerTemplate(ProvisioningTemplate.of("fleet", "wire-${SerialNumber}"));
        ours = LibraryDevice.connect(MOSQUITTO.broker());
        sdk = SdkClients.connect(MOSQUITTO.broker());
    }

    @AfterAll
    static void stop() {
        sdk.close();
        ours.close();
        emulator.close();
    }

    @BeforeEach
    void newThing() {
        thing = "wire-" + UUID.randomUUID();
    }

    @Test
    void shadowGetClassicAndNamed() {
        assertSameRequest("$aws/things/" + thing + "/shadow/get", Map.of("thingName", thing), () -> ours.services.shadow(thing).get(), () -> {
            GetShadowRequest request = new GetShadowRequest();
            request.thingName = thing;
            return sdk.shadows.getShadow(request);
        });
        assertSameRequest("$aws/things/" + thing + "/shadow/name/config/get", named(),
                () -> ours.services.namedShadow(thing, "config").get(), () -> {
                    GetNamedShadowRequest request = new GetNamedShadowRequest();
                    request.thingName = thing;
                    request.shadowName = "config";
                    return sdk.shadows.getNamedShadow(request);
                });
    }

    @Test
    void shadowUpdateOfDesiredAndReportedWithAVersion() {
        assertSameRequest("$aws/things/" + thing + "/shadow/update", Map.of("thingName", thing), () -> ours.services.shadow(thing).update(
                ShadowUpdate.builder().desired(Map.of("color", "green", "light", Map.of("level", 2)))
                        .reported(Map.of("color", "red")).version(7).build()), () -> {
                            UpdateShadowRequest request = new UpdateShadowRequest();
                            request.thingName = thing;
                            request.state = new ShadowState();
                            request.state.desired = new HashMap<>(Map.of("color", "green", "light", Map.of("level", 2)));
                            request.state.reported = new HashMap<>(Map.of("color", "red"));
                            request.version = 7;
                            return sdk.shadows.updateShadow(request);
                        });
    }

    @Test
    void namedShadowUpdateOfReportedOnly() {
        assertSameRequest("$aws/things/" + thing + "/shadow/name/config/update", named(),
                () -> ours.services.namedShadow(thing, "config").update(ShadowUpdate.reported(Map.of("mode", "eco"))),
                () -> {
                    UpdateNamedShadowRequest request = new UpdateNamedShadowRequest();
                    request.thingName = thing;
                    request.shadowName = "config";
                    request.state = new ShadowState();
                    request.state.reported = new HashMap<>(Map.of("mode", "eco"));
                    return sdk.shadows.updateNamedShadow(request);
                });
    }

    @Test
    void shadowUpdateThatClearsTheDesiredSection() {
        assertSameRequest("$aws/things/" + thing + "/shadow/update", Map.of("thingName", thing), () -> ours.services.shadow(thing).update(
                ShadowUpdate.builder().clearDesired().reported(Map.of("on", true)).build()), () -> {
                    UpdateShadowRequest request = new UpdateShadowRequest();
                    request.thingName = thing;
                    request.state = new ShadowState();
                    request.state.desired = null;
                    request.state.desiredIsNullable = true;
                    request.state.reported = new HashMap<>(Map.of("on", true));
                    return sdk.shadows.updateShadow(request);
                });
    }

    @Test
    void shadowDeleteClassicAndNamed() {
        assertSameRequest("$aws/things/" + thing + "/shadow/delete", Map.of("thingName", thing), () -> ours.services.shadow(thing).delete(), () -> {
            DeleteShadowRequest request = new DeleteShadowRequest();
            request.thingName = thing;
            return sdk.shadows.deleteShadow(request);
        });
        assertSameRequest("$aws/things/" + thing + "/shadow/name/config/delete", named(),
                () -> ours.services.namedShadow(thing, "config").delete(), () -> {
                    DeleteNamedShadowRequest request = new DeleteNamedShadowRequest();
                    request.thingName = thing;
                    request.shadowName = "config";
                    return sdk.shadows.deleteNamedShadow(request);
                });
    }

    @Test
    void jobsGetPendingExecutions() {
        assertSameRequest("$aws/things/" + thing + "/jobs/get", Map.of("thingName", thing), () -> ours.services.jobs(thing).getPendingExecutions(),
                () -> {
                    GetPendingJobExecutionsRequest request = new GetPendingJobExecutionsRequest();
                    request.thingName = thing;
                    return sdk.jobs.getPendingJobExecutions(request);
                });
    }

    @Test
    void jobsStartNextWithAndWithoutDetailsAndStepTimeout() {
        String topic = "$aws/things/" + thing + "/jobs/start-next";
        assertSameRequest(topic, Map.of("thingName", thing), () -> ours.services.jobs(thing).startNext(Map.of("step", "download"),
                Duration.ofMinutes(30)), () -> {
                    StartNextPendingJobExecutionRequest request = new StartNextPendingJobExecutionRequest();
                    request.thingName = thing;
                    request.statusDetails = new HashMap<>(Map.of("step", "download"));
                    request.stepTimeoutInMinutes = 30L;
                    return sdk.jobs.startNextPendingJobExecution(request);
                });
        assertSameRequest(topic, Map.of("thingName", thing), () -> ours.services.jobs(thing).startNext(Map.of(), null), () -> {
            StartNextPendingJobExecutionRequest request = new StartNextPendingJobExecutionRequest();
            request.thingName = thing;
            return sdk.jobs.startNextPendingJobExecution(request);
        });
    }

    @Test
    void jobsDescribeByIdWithExecutionNumberAndNextWithoutTheDocument() {
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"a\"}");
        assertSameRequest("$aws/things/" + thing + "/jobs/job-1/get", job("job-1"),
                () -> ours.services.jobs(thing).describe("job-1", 1L, true), () -> {
                    DescribeJobExecutionRequest request = new DescribeJobExecutionRequest();
                    request.thingName = thing;
                    request.jobId = "job-1";
                    request.executionNumber = 1L;
                    request.includeJobDocument = true;
                    return sdk.jobs.describeJobExecution(request);
                });
        assertSameRequest("$aws/things/" + thing + "/jobs/$next/get", job("$next"),
                () -> ours.services.jobs(thing).describe(JobsClient.NEXT, null, false), () -> {
                    DescribeJobExecutionRequest request = new DescribeJobExecutionRequest();
                    request.thingName = thing;
                    request.jobId = "$next";
                    request.includeJobDocument = false;
                    return sdk.jobs.describeJobExecution(request);
                });
    }

    @Test
    void jobsUpdateWithEveryField() {
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"a\"}");
        assertSameRequest("$aws/things/" + thing + "/jobs/job-1/update", job("job-1"), () -> ours.services.jobs(thing).update(
                JobExecutionUpdate.builder("job-1", JobStatus.IN_PROGRESS).statusDetail("percent", "40")
                        .expectedVersion(1).executionNumber(1).stepTimeout(Duration.ofMinutes(15))
                        .includeJobExecutionState(true).includeJobDocument(true).build()), () -> {
                            UpdateJobExecutionRequest request = new UpdateJobExecutionRequest();
                            request.thingName = thing;
                            request.jobId = "job-1";
                            request.status = software.amazon.awssdk.iot.iotjobs.model.JobStatus.IN_PROGRESS;
                            request.statusDetails = new HashMap<>(Map.of("percent", "40"));
                            request.expectedVersion = 1;
                            request.executionNumber = 1L;
                            request.stepTimeoutInMinutes = 15L;
                            request.includeJobExecutionState = true;
                            request.includeJobDocument = true;
                            return sdk.jobs.updateJobExecution(request);
                        });
    }

    @Test
    void jobsUpdateWithTheStatusOnly() {
        emulator.jobs().createJob(thing, "job-1", "{\"op\":\"a\"}");
        assertSameRequest("$aws/things/" + thing + "/jobs/job-1/update", job("job-1"), () -> ours.services.jobs(thing).update(
                JobExecutionUpdate.builder("job-1", JobStatus.SUCCEEDED).build()), () -> {
                    UpdateJobExecutionRequest request = new UpdateJobExecutionRequest();
                    request.thingName = thing;
                    request.jobId = "job-1";
                    request.status = software.amazon.awssdk.iot.iotjobs.model.JobStatus.SUCCEEDED;
                    request.includeJobExecutionState = false;
                    request.includeJobDocument = false;
                    return sdk.jobs.updateJobExecution(request);
                });
    }

    @Test
    void provisioningCreateKeysAndCertificate() {
        assertSameRequest("$aws/certificates/create/json", Map.of(), () -> ours.services.fleetProvisioning()
                .createKeysAndCertificate(), () -> sdk.identity.createKeysAndCertificate(
                        new CreateKeysAndCertificateRequest()));
    }

    @Test
    void provisioningCreateCertificateFromTheSameCsr() {
        String csr = CsrGenerator.generate("CN=wire", CsrGenerator.KeyType.EC_P256).csrPem();
        assertSameRequest("$aws/certificates/create-from-csr/json", Map.of(),
                () -> ours.services.fleetProvisioning().createCertificateFromCsr(csr), () -> {
                    CreateCertificateFromCsrRequest request = new CreateCertificateFromCsrRequest();
                    request.certificateSigningRequest = csr;
                    return sdk.identity.createCertificateFromCsr(request);
                });
    }

    @Test
    void provisioningRegisterThingWithTheSameTokenAndParameters() {
        CreatedCertificate created = LibraryDevice.await(ours.services.fleetProvisioning().createKeysAndCertificate());
        assertSameRequest("$aws/provisioning-templates/fleet/provision/json",
                Map.of("templateName", "fleet"), () -> ours.services.fleetProvisioning()
                .registerThing("fleet", created.certificateOwnershipToken(), Map.of("SerialNumber", "7")), () -> {
                    RegisterThingRequest request = new RegisterThingRequest();
                    request.templateName = "fleet";
                    request.certificateOwnershipToken = created.certificateOwnershipToken();
                    request.parameters = new HashMap<>(Map.of("SerialNumber", "7"));
                    return sdk.identity.registerThing(request);
                });
    }

    Map<String, String> named() {
        return Map.of("thingName", thing, "shadowName", "config");
    }

    Map<String, String> job(String jobId) {
        return Map.of("thingName", thing, "jobId", jobId);
    }

    /**
     * Sends the request through our client, then through the SDK, each to its reply; asserts that
     * the emulator received exactly one of each on {@code topic} and that their JSON is the same
     * but for the client token's value.
     *
     * <p>{@code sdkTopicFields}: the SDK also writes the request's topic parameters into the payload
     * ({@code thingName}, {@code shadowName}, {@code jobId}, {@code templateName}). The developer
     * guide documents none of them in a request payload (the Jobs MQTT API's GetPendingJobExecutions
     * payload, for one, is {@code {"clientToken": "string"}}; the shadow request state document is
     * {@code state}, {@code clientToken}, {@code version}; RegisterThing's is
     * {@code certificateOwnershipToken}, {@code parameters}); the service takes them from the
     * topic. Where the SDK sends one it must carry the topic's value; it is then left out of the
     * comparison. Our client sends none of them.
     */
    static void assertSameRequest(String topic, Map<String, String> sdkTopicFields,
            Supplier<CompletableFuture<?>> ourRequest, Supplier<CompletableFuture<?>> sdkRequest) {
        int before = recordedOn(emulator, topic, 0).size();
        settle(ourRequest.get());
        settle(sdkRequest.get());
        List<RecordedRequest> sent = recordedOn(emulator, topic, before);
        assertThat(sent).as("one request from each client on " + topic).hasSize(2);
        ObjectNode fromUs = (ObjectNode) JSON.readTree(sent.get(0).payload());
        ObjectNode fromSdk = (ObjectNode) JSON.readTree(sent.get(1).payload());
        String both = "\nours: " + sent.get(0).payloadAsString() + "\nSDK:  " + sent.get(1).payloadAsString();
        sdkTopicFields.forEach((field, value) -> {
            assertThat(fromUs.has(field)).as("ours sends no " + field + both).isFalse();
            JsonNode sdkValue = fromSdk.remove(field);
            if (sdkValue != null) {
                assertThat(sdkValue.asString()).as("the SDK's " + field + both).isEqualTo(value);
            }
        });
        assertThat(fromUs.has("clientToken")).as("both or neither send a client token" + both)
                .isEqualTo(fromSdk.has("clientToken"));
        JsonNode tokenOfUs = fromUs.remove("clientToken");
        JsonNode tokenOfSdk = fromSdk.remove("clientToken");
        if (tokenOfUs != null) {
            assertThat(tokenOfUs.isString() && tokenOfSdk.isString()).as("client tokens are strings" + both).isTrue();
        }
        assertThat(fromUs).as("the same request" + both).isEqualTo(fromSdk);
    }
}
