package dev.mqtt5.aws.iot.services;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.mqtt5.aws.iot.AwsIotServices;
import dev.mqtt5.aws.iot.rr.RequestResponseOptions;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.config.ReconnectOptions;
import dev.mqtt5.client.lifecycle.ConnectionSuccessEvent;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.testing.MosquittoBroker;

/** A device on a test broker using this project's client and {@link AwsIotServices}, as an application would. */
final class LibraryDevice implements AutoCloseable {

    /** How long a test waits for a reply or an event. */
    static final long WAIT_SECONDS = 10;

    final Mqtt5Client client;

    final AwsIotServices services;

    private LibraryDevice(MosquittoBroker broker) throws Exception {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        this.client = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(broker.host()).port(broker.tcpPort())
                .connectOptions(ConnectPacket.builder().clientId("device-" + UUID.randomUUID()).build())
                // back soon after a test restarts the broker
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(100))
                        .maxDelay(Duration.ofMillis(500)).build())
                .lifecycleListener(new LifecycleListener() {
                    @Override
                    public void onConnectionSuccess(ConnectionSuccessEvent event) {
                        connected.complete(null);
                    }
                }).build());
        this.client.start();
        connected.get(WAIT_SECONDS, TimeUnit.SECONDS);
        this.services = AwsIotServices.builder(this.client).requestResponseOptions(RequestResponseOptions.builder()
                .operationTimeout(Duration.ofSeconds(WAIT_SECONDS)).build()).build();
    }

    static LibraryDevice connect(MosquittoBroker broker) {
        try {
            return new LibraryDevice(broker);
        } catch (Exception ex) {
            throw new IllegalStateException("the device did not connect to " + broker.host() + ":" + broker.tcpPort(), ex);
        }
    }

    /** The future's value, failing the test after {@link #WAIT_SECONDS}. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
            throw new AssertionError("the request failed: " + ex.getCause(), ex.getCause());
        } catch (InterruptedException | TimeoutException ex) {
            throw new AssertionError("no reply within " + WAIT_SECONDS + " s", ex);
        }
    }

    /** The exception the future failed with, which must be a {@code type}; fails the test otherwise. */
    static <E extends Throwable> E failure(CompletableFuture<?> future, Class<E> type) {
        try {
            Object value = future.get(WAIT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected a " + type.getSimpleName() + " but the request succeeded with " + value);
        } catch (ExecutionException ex) {
            if (!type.isInstance(ex.getCause())) {
                throw new AssertionError("expected a " + type.getSimpleName() + " but got " + ex.getCause(), ex.getCause());
            }
            return type.cast(ex.getCause());
        } catch (InterruptedException | TimeoutException ex) {
            throw new AssertionError("no reply within " + WAIT_SECONDS + " s", ex);
        }
    }

    @Override
    public void close() {
        this.services.close();
        this.client.close();
    }
}
