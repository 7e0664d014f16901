package dev.mqtt5.aws.iot.emulator;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.crt.iot.MqttRequestResponseClientOptions;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions;
import software.amazon.awssdk.crt.mqtt5.OnAttemptingConnectReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionFailureReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionSuccessReturn;
import software.amazon.awssdk.crt.mqtt5.OnDisconnectionReturn;
import software.amazon.awssdk.crt.mqtt5.OnStoppedReturn;
import software.amazon.awssdk.crt.mqtt5.packets.ConnectPacket;

/** The AWS IoT Device SDK's MQTT 5 client (aws-crt, native) connected over plain TCP to a test broker. */
public final class SdkConnection implements AutoCloseable {

    public static final MqttRequestResponseClientOptions REQUEST_RESPONSE = MqttRequestResponseClientOptions.builder()
            .withMaxRequestResponseSubscriptions(6).withMaxStreamingSubscriptions(6).withOperationTimeoutSeconds(10)
            .build();

    public final Mqtt5Client client;

    private SdkConnection(String host, int port) throws Exception {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        Mqtt5ClientOptions options = new Mqtt5ClientOptions.Mqtt5ClientOptionsBuilder(host, (long) port)
                .withConnectOptions(new ConnectPacket.ConnectPacketBuilder().withClientId("sdk-" + UUID.randomUUID())
                        .build())
                .withLifecycleEvents(new Mqtt5ClientOptions.LifecycleEvents() {
                    @Override
                    public void onAttemptingConnect(Mqtt5Client client, OnAttemptingConnectReturn result) {
                    }

                    @Override
                    public void onConnectionSuccess(Mqtt5Client client, OnConnectionSuccessReturn result) {
                        connected.complete(null);
                    }

                    @Override
                    public void onConnectionFailure(Mqtt5Client client, OnConnectionFailureReturn result) {
                        connected.completeExceptionally(new IllegalStateException(
                                "the SDK client did not connect: error code " + result.getErrorCode()));
                    }

                    @Override
                    public void onDisconnection(Mqtt5Client client, OnDisconnectionReturn result) {
                    }

                    @Override
                    public void onStopped(Mqtt5Client client, OnStoppedReturn result) {
                    }
                })
                .build();
        this.client = new Mqtt5Client(options);
        this.client.start();
        connected.get(10, TimeUnit.SECONDS);
    }

    public static SdkConnection connect(String host, int port) throws Exception {
        return new SdkConnection(host, port);
    }

    @Override
    public void close() {
        this.client.stop();
        this.client.close();
    }
}
