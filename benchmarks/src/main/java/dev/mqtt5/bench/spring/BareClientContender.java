package dev.mqtt5.bench.spring;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor: our client without Spring, one connection, publishing and subscribing with a
 * subscription handler, converting the record to and from JSON by hand with the same Jackson 3
 * {@code JsonMapper} the Spring contenders use. Client defaults otherwise.
 */
final class BareClientContender implements SpringContender {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private Mqtt5Client client;
    private String topic;

    @Override
    public void start(int port, String clientId, String topic, Deliveries deliveries) throws Exception {
        this.topic = topic;
        client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName("127.0.0.1").port(port)
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
                .build());
        client.start();
        connected.get(20, TimeUnit.SECONDS);
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE),
                publish -> deliveries.accept(mapper.readValue(publish.payload(), Telemetry.class)))
                .get(20, TimeUnit.SECONDS);
    }

    @Override
    public void send(Telemetry telemetry, int qos) {
        client.publish(PublishPacket.builder().topic(topic).payload(mapper.writeValueAsBytes(telemetry))
                .qos(QoS.fromValue(qos)).build());
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
