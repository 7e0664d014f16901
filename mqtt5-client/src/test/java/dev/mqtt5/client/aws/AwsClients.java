package dev.mqtt5.client.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.RecordingListener;
import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.lifecycle.ConnectionFailureEvent;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Starts clients built by {@link AwsIotMqtt5ClientBuilder} with a recording listener and fast reconnects; closes them all. */
final class AwsClients implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);

    private final List<Mqtt5Client> clients = new ArrayList<>();

    /** Builds and starts the client; its events go to {@code listener}. */
    Mqtt5Client start(AwsIotMqtt5ClientBuilder builder, RecordingListener listener) {
        Mqtt5Client client = builder.options(o -> o.lifecycleListener(listener).publishReceivedListener(listener)
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(100))
                        .maxDelay(Duration.ofMillis(300)).build())).build();
        clients.add(client);
        client.start();
        return client;
    }

    /** Starts the client and asserts that it connects and a QoS 1 publish comes back through a subscription. */
    Mqtt5Client connectAndRoundTrip(AwsIotMqtt5ClientBuilder builder) throws Exception {
        RecordingListener listener = new RecordingListener();
        Mqtt5Client client = start(builder, listener);
        listener.await(ConnectionSuccessEvent.class, WAIT);
        String topic = "aws/" + UUID.randomUUID();
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        client.publish(PublishPacket.builder().topic(topic).payload("hello iot").qos(QoS.AT_LEAST_ONCE).build())
                .get(10, TimeUnit.SECONDS);
        assertThat(listener.awaitPublish(WAIT).payloadAsString()).isEqualTo("hello iot");
        return client;
    }

    /** Starts the client and returns the message of its first connection failure. */
    String firstFailure(AwsIotMqtt5ClientBuilder builder) {
        RecordingListener listener = new RecordingListener();
        start(builder, listener);
        ConnectionFailureEvent failure = listener.await(ConnectionFailureEvent.class, WAIT);
        return messages(failure.cause());
    }

    /** The messages of a throwable and all its causes, one per line. */
    static String messages(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    @Override
    public void close() {
        clients.forEach(Mqtt5Client::close);
    }
}
