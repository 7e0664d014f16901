package dev.mqtt5.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.DisconnectionEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.lifecycle.LifecycleListenerRegistration;
import dev.mqtt5.client.lifecycle.StoppedEvent;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A library layered on a client it did not build (the AWS IoT service clients) learns of
 * connections, resumed sessions and disconnections through {@code addLifecycleListener}.
 */
@ExtendWith(MosquittoExtension.class)
class AddedLifecycleListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Mqtt5Client client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private Mqtt5Client persistentClient(MosquittoBroker broker, LifecycleListener optionsListener) {
        client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(broker.host()).port(broker.tcpPort())
                .connectOptions(ConnectPacket.builder().clientId("added-" + UUID.randomUUID())
                        .sessionExpiryInterval(Duration.ofMinutes(5)).build())
                .sessionBehavior(SessionBehavior.REJOIN_POST_SUCCESS)
                .lifecycleListener(optionsListener).build());
        return client;
    }

    @Test
    void addedListenerSeesConnectionsWithSessionPresentAndDisconnectionsAfterTheOptionsListener(MosquittoBroker broker) {
        List<String> order = new CopyOnWriteArrayList<>();
        RecordingListener added = new RecordingListener();
        Mqtt5Client c = persistentClient(broker, new LifecycleListener() {
            @Override
            public void onConnectionSuccess(ConnectionSuccessEvent event) {
                order.add("options");
            }
        });
        c.addLifecycleListener(new LifecycleListener() {
            @Override
            public void onConnectionSuccess(ConnectionSuccessEvent event) {
                order.add("added");
            }
        });
        c.addLifecycleListener(added);
        c.start();

        assertThat(added.await(ConnectionSuccessEvent.class, WAIT).connAck().sessionPresent()).isFalse();
        c.reconnect();
        added.await(DisconnectionEvent.class, WAIT);
        assertThat(added.await(ConnectionSuccessEvent.class, WAIT).connAck().sessionPresent()).isTrue();
        assertThat(order).containsExactly("options", "added", "options", "added");
    }

    @Test
    void addedListenerWorksWithoutAnOptionsListenerAndStopsAtClose(MosquittoBroker broker) throws Exception {
        Mqtt5Client c = persistentClient(broker, null);
        RecordingListener kept = new RecordingListener();
        RecordingListener removed = new RecordingListener();
        c.addLifecycleListener(kept);
        LifecycleListenerRegistration registration = c.addLifecycleListener(removed);
        c.start();
        kept.await(ConnectionSuccessEvent.class, WAIT);
        removed.await(ConnectionSuccessEvent.class, WAIT);

        registration.close();
        registration.close();
        c.stop().get(10, TimeUnit.SECONDS);

        kept.await(StoppedEvent.class, WAIT);
        assertThat(removed.eventNames()).containsExactly("AttemptingConnect", "ConnectionSuccess");
    }

    @Test
    void aListenerThatThrowsDoesNotKeepTheOthersFromTheEvent(MosquittoBroker broker) {
        Mqtt5Client c = persistentClient(broker, null);
        c.addLifecycleListener(new LifecycleListener() {
            @Override
            public void onConnectionSuccess(ConnectionSuccessEvent event) {
                throw new IllegalStateException("a faulty library");
            }
        });
        RecordingListener after = new RecordingListener();
        c.addLifecycleListener(after);
        c.start();

        after.await(ConnectionSuccessEvent.class, WAIT);
        assertThat(after.threads()).noneMatch(name -> name.contains("epoll") || name.contains("nio"));
    }
}
