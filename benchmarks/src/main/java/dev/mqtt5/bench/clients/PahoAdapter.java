package dev.mqtt5.bench.clients;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * Eclipse Paho's MQTTv5 async client. Paho does not set TCP_NODELAY itself and its documentation
 * recommends nothing about it: the throughput workloads and the connect and idle ones use its
 * defaults (Nagle's algorithm on, which lets it coalesce small publishes: about 3x the QoS 0 64 B
 * rate with NODELAY forced); the latency workloads go through a socket factory that turns
 * TCP_NODELAY on, as a user who tunes Paho for latency does (Nagle plus delayed ACKs otherwise adds
 * tens of milliseconds per QoS 1 round trip). Paho throws rather than queues past the server's
 * Receive Maximum (20 here), so QoS 1 is windowed at 20.
 */
final class PahoAdapter implements ClientAdapter {

    private static final int SERVER_RECEIVE_MAXIMUM = 20;

    private MqttAsyncClient client;
    private MqttConnectionOptions options;
    private Tuning tuning = Tuning.DEFAULTS;

    @Override
    public void tuneFor(Tuning tuning) {
        this.tuning = tuning;
    }

    @Override
    public String name() {
        return "paho";
    }

    @Override
    public void prepare(Endpoint endpoint, String clientId) throws Exception {
        String scheme = endpoint.tls() ? "ssl://" : "tcp://";
        client = new MqttAsyncClient(scheme + endpoint.host() + ":" + endpoint.port(), clientId, new MemoryPersistence());
        options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setKeepAliveInterval(60);
        options.setAutomaticReconnect(false);
        if (endpoint.tls()) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("server", endpoint.certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            options.setSocketFactory(context.getSocketFactory());
        } else if (tuning == Tuning.LATENCY) {
            options.setSocketFactory(new NoDelaySocketFactory());
        }
    }

    @Override
    public void connect() throws Exception {
        client.connect(options).waitForCompletion(20_000);
    }

    @Override
    public CompletableFuture<?> publish(String topic, byte[] payload, int qos) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.publish(topic, payload, qos, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    done.completeExceptionally(cause);
                }
            });
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public void subscribe(String topicFilter, int qos, Consumer<byte[]> onMessage) throws Exception {
        // subscribe(MqttSubscription, IMqttMessageListener) fails in 1.2.5 (IndexOutOfBounds on the
        // subscription identifiers), so messages come through the client-wide callback.
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                onMessage.accept(message.getPayload());
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        client.subscribe(topicFilter, qos).waitForCompletion(20_000);
    }

    @Override
    public int maxOutstanding(int qos) {
        return qos == 0 ? 1000 : SERVER_RECEIVE_MAXIMUM;
    }

    @Override
    public void close() throws Exception {
        if (client != null) {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(10_000);
            }
            client.close(true);
        }
    }

    /** Plain sockets with Nagle's algorithm off. */
    private static final class NoDelaySocketFactory extends SocketFactory {
        private static Socket noDelay(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(new Socket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return noDelay(new Socket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return noDelay(new Socket(host, port, local, localPort));
        }
    }
}
