package dev.mqtt5.aws.iot.testing;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.testing.MosquittoBroker;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import dev.mqtt5.client.ClientState;

/** Devices for the tests: MQTT clients connected to mosquitto. */
public final class TestClients {

    private TestClients() {
    }

    /** A started client with a one-hour persistent session (resumed on reconnection), connected. */
    public static Mqtt5Client persistent(MosquittoBroker broker) {
        return connected(broker, builder -> builder);
    }

    /** A started client whose session ends with each connection (session expiry 0), connected. */
    public static Mqtt5Client sessionPerConnection(MosquittoBroker broker) {
        return connected(broker, builder -> builder.connectOptions(ConnectPacket.builder()
                .clientId("device-" + UUID.randomUUID()).build()));
    }

    /** A started client with extra options, connected. */
    public static Mqtt5Client connected(MosquittoBroker broker, UnaryOperator<Mqtt5ClientOptions.Builder> extra) {
        Mqtt5Client client = new Mqtt5Client(extra.apply(Mqtt5ClientOptions.builder()
                .hostName(broker.host()).port(broker.tcpPort())
                .connectOptions(ConnectPacket.builder().clientId("device-" + UUID.randomUUID())
                        .sessionExpiryInterval(Duration.ofHours(1)).build())
                .sessionBehavior(SessionBehavior.REJOIN_POST_SUCCESS)).build());
        client.start();
        awaitConnected(client);
        return client;
    }

    /** Waits until the client is connected. */
    public static void awaitConnected(Mqtt5Client client) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ClientState.CONNECTED);
    }
}
