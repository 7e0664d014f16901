package dev.mqtt5.aws.iot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.testing.MosquittoExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.crt.iot.StreamingOperation;
import software.amazon.awssdk.crt.iot.SubscriptionStatusEventType;
import software.amazon.awssdk.iot.V2ClientStreamOptions;
import software.amazon.awssdk.iot.iotshadow.IotShadowV2Client;
import software.amazon.awssdk.iot.iotshadow.model.DeleteNamedShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.DeleteShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.DeleteShadowResponse;
import software.amazon.awssdk.iot.iotshadow.model.GetNamedShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.GetShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.GetShadowResponse;
import software.amazon.awssdk.iot.iotshadow.model.ShadowDeltaUpdatedEvent;
import software.amazon.awssdk.iot.iotshadow.model.ShadowDeltaUpdatedSubscriptionRequest;
import software.amazon.awssdk.iot.iotshadow.model.ShadowState;
import software.amazon.awssdk.iot.iotshadow.model.UpdateNamedShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.UpdateShadowRequest;
import software.amazon.awssdk.iot.iotshadow.model.UpdateShadowResponse;
import software.amazon.awssdk.iot.iotshadow.model.V2ErrorResponseException;

/**
 * The AWS IoT Device SDK's own {@link IotShadowV2Client} (on aws-crt's MQTT 5 client, over plain
 * TCP to mosquitto) runs every shadow operation against the emulator: what it parses is what AWS sends.
 */
class SdkShadowFidelityTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static AwsIotEmulator emulator;

    static SdkConnection sdk;

    static IotShadowV2Client shadows;

    @BeforeAll
    static void start() throws Exception {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .build().start();
        sdk = SdkConnection.connect(MOSQUITTO.broker().host(), MOSQUITTO.broker().tcpPort());
        shadows = IotShadowV2Client.newFromMqtt5(sdk.client, SdkConnection.REQUEST_RESPONSE);
    }

    @AfterAll
    static void stop() {
        shadows.close();
        sdk.close();
        emulator.close();
    }

    @Test
    void classicShadowUpdateGetAndDeleteSucceedThroughTheSdk() throws Exception {
        String thing = "sdk-" + UUID.randomUUID();
        UpdateShadowRequest update = new UpdateShadowRequest();
        update.thingName = thing;
        update.state = new ShadowState();
        update.state.reported = new HashMap<>(Map.of("color", "red"));
        update.state.desired = new HashMap<>(Map.of("color", "green"));

        UpdateShadowResponse updated = shadows.updateShadow(update).get(10, TimeUnit.SECONDS);
        assertThat(updated.version).isEqualTo(1);
        assertThat(updated.state.desired).containsEntry("color", "green");
        assertThat(updated.timestamp).isNotNull();

        GetShadowRequest get = new GetShadowRequest();
        get.thingName = thing;
        GetShadowResponse shadow = shadows.getShadow(get).get(10, TimeUnit.SECONDS);
        assertThat(shadow.state.reported).containsEntry("color", "red");
        assertThat(shadow.state.delta).containsEntry("color", "green");
        assertThat(shadow.version).isEqualTo(1);
        assertThat(shadow.metadata).isNotNull();
        assertThat(emulator.recordedRequests())
                .filteredOn((request) -> request.topic().equals("$aws/things/" + thing + "/shadow/get"))
                .singleElement().satisfies((request) -> assertThat(request.payloadAsString())
                        .as("the SDK correlates by a client token in the payload").contains("\"clientToken\""));

        DeleteShadowRequest delete = new DeleteShadowRequest();
        delete.thingName = thing;
        DeleteShadowResponse deleted = shadows.deleteShadow(delete).get(10, TimeUnit.SECONDS);
        assertThat(deleted.version).isEqualTo(1);
    }

    @Test
    void namedShadowUpdateGetAndDeleteSucceedThroughTheSdk() throws Exception {
        String thing = "sdk-" + UUID.randomUUID();
        UpdateNamedShadowRequest update = new UpdateNamedShadowRequest();
        update.thingName = thing;
        update.shadowName = "config";
        update.state = new ShadowState();
        update.state.reported = new HashMap<>(Map.of("mode", "eco"));
        assertThat(shadows.updateNamedShadow(update).get(10, TimeUnit.SECONDS).version).isEqualTo(1);

        GetNamedShadowRequest get = new GetNamedShadowRequest();
        get.thingName = thing;
        get.shadowName = "config";
        assertThat(shadows.getNamedShadow(get).get(10, TimeUnit.SECONDS).state.reported).containsEntry("mode", "eco");

        DeleteNamedShadowRequest delete = new DeleteNamedShadowRequest();
        delete.thingName = thing;
        delete.shadowName = "config";
        assertThat(shadows.deleteNamedShadow(delete).get(10, TimeUnit.SECONDS).version).isEqualTo(1);
    }

    @Test
    void aMissingShadowFailsWithTheSdksTypedError404() {
        GetShadowRequest get = new GetShadowRequest();
        get.thingName = "sdk-missing-" + UUID.randomUUID();

        assertThatThrownBy(() -> shadows.getShadow(get).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(V2ErrorResponseException.class,
                        (error) -> {
                            assertThat(error.getModeledError().code).isEqualTo(404);
                            assertThat(error.getModeledError().message).startsWith("No shadow exists with name");
                        });
    }

    @Test
    void aVersionConflictFailsWithTheSdksTypedError409() throws Exception {
        String thing = "sdk-" + UUID.randomUUID();
        UpdateShadowRequest update = new UpdateShadowRequest();
        update.thingName = thing;
        update.state = new ShadowState();
        update.state.reported = new HashMap<>(Map.of("v", 1));
        shadows.updateShadow(update).get(10, TimeUnit.SECONDS);

        update.version = 42;
        assertThatThrownBy(() -> shadows.updateShadow(update).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(V2ErrorResponseException.class, (error) -> {
                    assertThat(error.getModeledError().code).isEqualTo(409);
                    assertThat(error.getModeledError().message).isEqualTo("Version conflict");
                });
    }

    @Test
    void theSdksDeltaStreamReceivesDesiredStateSetFromTheCloudSide() throws Exception {
        String thing = "sdk-" + UUID.randomUUID();
        BlockingQueue<ShadowDeltaUpdatedEvent> deltas = new LinkedBlockingQueue<>();
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        ShadowDeltaUpdatedSubscriptionRequest request = new ShadowDeltaUpdatedSubscriptionRequest();
        request.thingName = thing;
        V2ClientStreamOptions<ShadowDeltaUpdatedEvent> options = V2ClientStreamOptions.<ShadowDeltaUpdatedEvent>builder()
                .withStreamEventHandler(deltas::add)
                .withSubscriptionEventHandler((event) -> {
                    if (event.getType() == SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED) {
                        subscribed.complete(null);
                    }
                }).build();
        try (StreamingOperation stream = shadows.createShadowDeltaUpdatedStream(request, options)) {
            stream.open();
            subscribed.get(10, TimeUnit.SECONDS);

            emulator.shadows().updateDesired(thing, null, "{\"fan\":\"high\",\"light\":{\"level\":2}}");

            ShadowDeltaUpdatedEvent delta = deltas.poll(10, TimeUnit.SECONDS);
            assertThat(delta).isNotNull();
            assertThat(delta.state).containsEntry("fan", "high").containsKey("light");
            assertThat(delta.version).isEqualTo(1);
            assertThat(delta.timestamp).isNotNull();
        }
    }
}
