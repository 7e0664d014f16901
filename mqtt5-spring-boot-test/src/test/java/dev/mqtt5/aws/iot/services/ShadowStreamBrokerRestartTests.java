package dev.mqtt5.aws.iot.services;

import static dev.mqtt5.aws.iot.services.LibraryDevice.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.aws.iot.rr.StreamingOperation;
import dev.mqtt5.aws.iot.rr.SubscriptionStatusEvent;
import dev.mqtt5.aws.iot.rr.SubscriptionStatusEventType;
import dev.mqtt5.aws.iot.shadow.ShadowDelta;
import dev.mqtt5.client.testing.MosquittoExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A delta stream survives a broker crash: mosquitto restarts without persistence, so the device's
 * session and subscriptions are gone; the stream reports LOST, subscribes again, reports
 * ESTABLISHED, and receives the deltas the emulator publishes from then on.
 *
 * <p>The deltas here are set from the emulator's Java side, which publishes through the emulator's
 * own client once that has reconnected (it does, within about a second here; a publish made while
 * it is offline is queued). The emulator subscribes to its request topics again when it reconnects
 * without its session, so the device's requests are answered after the restart too.
 */
class ShadowStreamBrokerRestartTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    AwsIotEmulator emulator;

    LibraryDevice device;

    @BeforeEach
    void start() {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .build().start();
        device = LibraryDevice.connect(MOSQUITTO.broker());
    }

    @AfterEach
    void stop() {
        device.close();
        emulator.close();
    }

    @Test
    void theDeltaStreamIsLostThenEstablishedAgainAndDeltasArriveAgain() throws Exception {
        String thing = "lamp-" + UUID.randomUUID();
        BlockingQueue<ShadowDelta<JsonNode>> deltas = new LinkedBlockingQueue<>();
        BlockingQueue<SubscriptionStatusEventType> statuses = new LinkedBlockingQueue<>();
        try (StreamingOperation stream = device.services.shadow(thing).deltas(JsonNode.class, deltas::add,
                (SubscriptionStatusEvent event) -> statuses.add(event.type()))) {
            assertThat(statuses.poll(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo(SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED);
            emulator.shadows().updateDesired(thing, null, "{\"before\":1}");
            assertThat(deltas.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull()
                    .satisfies((delta) -> assertThat(delta.version()).isEqualTo(1));

            MOSQUITTO.broker().restart();

            assertThat(statuses.poll(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo(SubscriptionStatusEventType.SUBSCRIPTION_LOST);
            assertThat(statuses.poll(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo(SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED);
            assertThat(stream.isOpen()).isTrue();

            emulator.shadows().updateDesired(thing, null, "{\"after\":2}");
            ShadowDelta<JsonNode> after = deltas.poll(WAIT_SECONDS + 5, TimeUnit.SECONDS);
            assertThat(after).as("a delta after the restart\n" + MOSQUITTO.broker().log()).isNotNull();
            assertThat(after.state().get("after").asInt()).isEqualTo(2);
            assertThat(after.version()).as("the emulator's shadow state outlives the broker").isEqualTo(2);
            assertThat(statuses).as("no further status change").isEmpty();
            // Requests after the restart: the emulator subscribed again; the device's request is answered.
            assertThat(device.services.shadow(thing).get().get(WAIT_SECONDS + 5, TimeUnit.SECONDS).version())
                    .isEqualTo(2);
        }
    }
}
