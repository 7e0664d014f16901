package dev.mqtt5.bench.clients;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.TrustManagerFactory;

/** The HiveMQ MQTT client's async API, with its defaults. */
final class HiveMqAdapter implements ClientAdapter {

    private Mqtt5AsyncClient client;

    @Override
    public String name() {
        return "hivemq";
    }

    @Override
    public void prepare(Endpoint endpoint, String clientId) throws Exception {
        Mqtt5ClientBuilder builder = Mqtt5Client.builder().identifier(clientId)
                .serverHost(endpoint.host()).serverPort(endpoint.port());
        if (endpoint.tls()) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("server", endpoint.certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            builder = builder.sslConfig().trustManagerFactory(factory).applySslConfig();
        }
        client = builder.buildAsync();
    }

    @Override
    public void connect() throws Exception {
        client.connectWith().keepAlive(60).send().get(20, TimeUnit.SECONDS);
    }

    @Override
    public CompletableFuture<?> publish(String topic, byte[] payload, int qos) {
        return client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send();
    }

    @Override
    public void subscribe(String topicFilter, int qos, Consumer<byte[]> onMessage) throws Exception {
        client.subscribeWith().topicFilter(topicFilter).qos(MqttQos.fromCode(qos))
                .callback(publish -> onMessage.accept(publish.getPayloadAsBytes()))
                .send().get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (client != null && client.getState().isConnected()) {
            client.disconnect().get(10, TimeUnit.SECONDS);
        }
    }
}
