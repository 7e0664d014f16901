package dev.mqtt5.bench.clients;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Our client, with its defaults (TCP_NODELAY on, shared event loop, default callback executor). */
final class OursAdapter implements ClientAdapter {

    private Mqtt5Client client;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private volatile Consumer<byte[]> onMessage = payload -> { };

    @Override
    public String name() {
        return "ours";
    }

    @Override
    public void prepare(Endpoint endpoint, String clientId) {
        Mqtt5ClientOptions.Builder options = Mqtt5ClientOptions.builder()
                .hostName(endpoint.host()).port(endpoint.port())
                .connectOptions(ConnectPacket.builder().clientId(clientId).keepAlive(Duration.ofSeconds(60)).build())
                .lifecycleListener(new LifecycleListener() {
                    @Override
                    public void onConnectionSuccess(ConnectionSuccessEvent event) {
                        connected.complete(null);
                    }

                    @Override
                    public void onConnectionFailure(ConnectionFailureEvent event) {
                        connected.completeExceptionally(event.cause());
                    }
                })
                .publishReceivedListener(publish -> onMessage.accept(publish.payload()));
        if (Boolean.getBoolean("bench.ours.directCallbacks")) {
            // Diagnosis only (BENCHMARKS.md): completes futures on the event loop, which the design forbids.
            options.callbackExecutor(Runnable::run);
        }
        if (endpoint.tls()) {
            options.tls(TlsOptions.builder().trustedCertificates(endpoint.certificate()).build());
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
        return client.publish(PublishPacket.builder().topic(topic).payload(payload).qos(QoS.fromValue(qos)).build());
    }

    @Override
    public void subscribe(String topicFilter, int qos, Consumer<byte[]> handler) throws Exception {
        onMessage = handler;
        client.subscribe(SubscribePacket.of(topicFilter, QoS.fromValue(qos))).get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (client != null) {
            try {
                client.stop().get(10, TimeUnit.SECONDS);
            } finally {
                client.close();
            }
        }
    }
}
