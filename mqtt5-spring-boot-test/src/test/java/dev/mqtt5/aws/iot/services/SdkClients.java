package dev.mqtt5.aws.iot.services;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.aws.iot.emulator.RecordedRequest;
import dev.mqtt5.aws.iot.emulator.SdkConnection;
import dev.mqtt5.client.testing.MosquittoBroker;
import software.amazon.awssdk.iot.iotidentity.IotIdentityV2Client;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.iot.iotshadow.IotShadowV2Client;

/**
 * The AWS IoT Device SDK's V2 service clients (aws-iot-device-sdk, on aws-crt's MQTT 5 client) on
 * a test broker, beside {@link LibraryDevice}: the reference our library is compared with.
 */
final class SdkClients implements AutoCloseable {

    final SdkConnection connection;

    final IotShadowV2Client shadows;

    final IotJobsV2Client jobs;

    final IotIdentityV2Client identity;

    private SdkClients(SdkConnection connection) {
        this.connection = connection;
        this.shadows = IotShadowV2Client.newFromMqtt5(connection.client, SdkConnection.REQUEST_RESPONSE);
        this.jobs = IotJobsV2Client.newFromMqtt5(connection.client, SdkConnection.REQUEST_RESPONSE);
        this.identity = IotIdentityV2Client.newFromMqtt5(connection.client, SdkConnection.REQUEST_RESPONSE);
    }

    static SdkClients connect(MosquittoBroker broker) {
        try {
            return new SdkClients(SdkConnection.connect(broker.host(), broker.tcpPort()));
        } catch (Exception ex) {
            throw new IllegalStateException("the AWS IoT Device SDK did not connect", ex);
        }
    }

    /** Waits for a request to be answered, accepted or rejected: for comparing what was sent, not the outcome. */
    static void settle(CompletableFuture<?> future) {
        try {
            future.handle((value, failure) -> null).get(LibraryDevice.WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new AssertionError("no reply within " + LibraryDevice.WAIT_SECONDS + " s", ex);
        }
    }

    /** The requests the emulator recorded on {@code topic} after the first {@code skip} of them. */
    static List<RecordedRequest> recordedOn(AwsIotEmulator emulator, String topic, int skip) {
        List<RecordedRequest> onTopic = new ArrayList<>();
        for (RecordedRequest request : emulator.recordedRequests()) {
            if (request.topic().equals(topic)) {
                onTopic.add(request);
            }
        }
        return onTopic.subList(Math.min(skip, onTopic.size()), onTopic.size());
    }

    @Override
    public void close() {
        this.shadows.close();
        this.jobs.close();
        this.identity.close();
        this.connection.close();
    }
}
