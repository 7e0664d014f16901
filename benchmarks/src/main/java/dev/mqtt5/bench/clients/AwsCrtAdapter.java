package dev.mqtt5.bench.clients;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.crt.CRT;
import software.amazon.awssdk.crt.io.TlsContext;
import software.amazon.awssdk.crt.io.TlsContextOptions;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions;
import software.amazon.awssdk.crt.mqtt5.OnAttemptingConnectReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionFailureReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionSuccessReturn;
import software.amazon.awssdk.crt.mqtt5.OnDisconnectionReturn;
import software.amazon.awssdk.crt.mqtt5.OnStoppedReturn;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.ConnectPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubscribePacket;

/**
 * The AWS Common Runtime's MQTT5 client (the one the AWS IoT Device SDK v2 wraps), with its
 * defaults: the static default event loop group and host resolver, default socket options.
 */
final class AwsCrtAdapter implements ClientAdapter {

    private Mqtt5Client client;
    private TlsContext tls;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile Consumer<byte[]> onMessage = payload -> { };

    @Override
    public String name() {
        return "aws-crt";
    }

    @Override
    public void prepare(Endpoint endpoint, String clientId) {
        Mqtt5ClientOptions.Mqtt5ClientOptionsBuilder options =
                new Mqtt5ClientOptions.Mqtt5ClientOptionsBuilder(endpoint.host(), (long) endpoint.port())
                        .withConnectOptions(new ConnectPacket.ConnectPacketBuilder()
                                .withClientId(clientId).withKeepAliveIntervalSeconds(60L).build())
                        .withLifecycleEvents(new Mqtt5ClientOptions.LifecycleEvents() {
                            @Override
                            public void onAttemptingConnect(Mqtt5Client c, OnAttemptingConnectReturn r) {
                            }

                            @Override
                            public void onConnectionSuccess(Mqtt5Client c, OnConnectionSuccessReturn r) {
                                connected.complete(null);
                            }

                            @Override
                            public void onConnectionFailure(Mqtt5Client c, OnConnectionFailureReturn r) {
                                connected.completeExceptionally(new IllegalStateException(
                                        "aws-crt connect failed: " + CRT.awsErrorString(r.getErrorCode())));
                            }

                            @Override
                            public void onDisconnection(Mqtt5Client c, OnDisconnectionReturn r) {
                            }

                            @Override
                            public void onStopped(Mqtt5Client c, OnStoppedReturn r) {
                                stopped.complete(null);
                            }
                        })
                        .withPublishEvents((c, received) -> onMessage.accept(received.getPublishPacket().getPayload()));
        if (endpoint.tls()) {
            try (TlsContextOptions tlsOptions = TlsContextOptions.createDefaultClient()
                    .withCertificateAuthorityFromPath(null, endpoint.certificatePem().toString())) {
                tls = new TlsContext(tlsOptions);
            }
            options.withTlsContext(tls);
        }
        client = new Mqtt5Client(options.build());
    }

    @Override
    public void connect() throws Exception {
        client.start();
        connected.get(20, TimeUnit.SECONDS);
    }

    @Override
    public CompletableFuture<?> publish(String topic, byte[] payload, int qos) {
        return client.publish(PublishPacket.of(topic, QOS.getEnumValueFromInteger(qos), payload));
    }

    @Override
    public void subscribe(String topicFilter, int qos, Consumer<byte[]> handler) throws Exception {
        onMessage = handler;
        client.subscribe(new SubscribePacket.SubscribePacketBuilder(topicFilter, QOS.getEnumValueFromInteger(qos))
                .build()).get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (client != null) {
            client.stop();
            stopped.get(10, TimeUnit.SECONDS);
            client.close();
        }
        if (tls != null) {
            tls.close();
        }
    }
}
