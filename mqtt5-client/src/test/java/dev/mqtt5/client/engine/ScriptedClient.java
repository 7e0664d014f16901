package dev.mqtt5.client.engine;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.RecordingListener;
import dev.mqtt5.client.config.JitterMode;
import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.testing.FakeBroker;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A client wired to a fake broker for engine tests, with fast reconnects; closes both. */
final class ScriptedClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    final FakeBroker broker = new FakeBroker();
    final RecordingListener listener = new RecordingListener();
    Mqtt5Client client;

    Mqtt5ClientOptions.Builder options() {
        return Mqtt5ClientOptions.builder().hostName(broker.host()).port(broker.port())
                .connectOptions(ConnectPacket.builder().clientId("scripted").build())
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(50))
                        .maxDelay(Duration.ofMillis(200)).jitterMode(JitterMode.NONE).build())
                .lifecycleListener(listener).publishReceivedListener(listener);
    }

    /** Creates the client with the default options adjusted, without starting it. */
    Mqtt5Client create(UnaryOperator<Mqtt5ClientOptions.Builder> adjust) {
        client = new Mqtt5Client(adjust.apply(options()).build());
        return client;
    }

    /** Creates, starts and waits for the first connection. */
    Mqtt5Client connect(UnaryOperator<Mqtt5ClientOptions.Builder> adjust) {
        create(adjust).start();
        listener.await(ConnectionSuccessEvent.class, WAIT);
        return client;
    }

    static int packetId(MqttMessage message) {
        if (message instanceof MqttPublishMessage publish) {
            return publish.variableHeader().packetId();
        }
        return ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        broker.close();
    }
}
