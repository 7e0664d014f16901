package dev.mqtt5.bench.spring;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;
import org.springframework.integration.mqtt.event.MqttMessageDeliveryEvent;
import org.springframework.integration.mqtt.event.MqttMessageSentEvent;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;
import org.springframework.integration.mqtt.outbound.Mqttv5PahoMessageHandler;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Spring Integration MQTT 7.0 with Paho v5, configured in Java as its reference shows: a
 * {@code Mqttv5PahoMessageDrivenChannelAdapter} (QoS 1, its default byte[] payload, then
 * {@code Transformers.fromJson}; with {@code payloadType(String.class)} 7.0.5 hands on the bytes
 * re-encoded as a JSON string of base64) into a handler, and a flow from a direct channel through
 * {@code Transformers.toJson()} (the handler takes byte[] or String payloads) into a
 * {@code Mqttv5PahoMessageHandler} with {@code async(true)} and {@code asyncEvents(true)} (do not
 * block on delivery; learn of it by events). Each adapter has its own Paho client (the reference's default;
 * a shared {@code Mqttv5ClientManager} is the option), in-memory persistence. Paho throws rather
 * than queues past the server's Receive Maximum (mosquitto: 20), so QoS 1 sends wait for a
 * delivery event when 20 are unacknowledged, as an application using async mode must.
 * TCP_NODELAY only when {@code latency} is set (Paho's default is Nagle on; see BENCHMARKS.md).
 */
final class PahoIntegrationContender implements SpringContender {

    private static final int SERVER_RECEIVE_MAXIMUM = 20;

    private final boolean latency;
    private final Semaphore inflight = new Semaphore(SERVER_RECEIVE_MAXIMUM);
    private volatile int currentQos = -1;
    private AnnotationConfigApplicationContext context;
    private MessageChannel toMqtt;

    PahoIntegrationContender(boolean latency) {
        this.latency = latency;
    }

    @Override
    public void start(int port, String clientId, String topic, Deliveries deliveries) {
        context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("bench", Map.of(
                "bench.url", "tcp://127.0.0.1:" + port, "bench.clientId", clientId, "bench.topic", topic,
                "bench.nodelay", String.valueOf(latency))));
        context.getBeanFactory().registerSingleton("benchDeliveries", deliveries);
        context.getBeanFactory().registerSingleton("benchContender", this);
        context.register(App.class);
        context.refresh();
        toMqtt = context.getBean("toMqtt.input", MessageChannel.class);
    }

    @Override
    public void send(Telemetry telemetry, int qos) throws InterruptedException {
        if (qos != currentQos) {
            inflight.drainPermits();
            inflight.release(SERVER_RECEIVE_MAXIMUM);
            currentQos = qos;
        }
        if (qos > 0 && !inflight.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no delivery event for 30 s");
        }
        toMqtt.send(MessageBuilder.withPayload(telemetry).setHeader(MqttHeaders.QOS, qos).build());
    }

    void delivered() {
        if (currentQos > 0) {
            inflight.release();
        }
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class App {
        @Bean
        MqttConnectionOptions mqttConnectionOptions(Environment environment) {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setServerURIs(new String[] {environment.getRequiredProperty("bench.url")});
            options.setCleanStart(true);
            options.setAutomaticReconnect(true);
            if (environment.getRequiredProperty("bench.nodelay", Boolean.class)) {
                options.setSocketFactory(new NoDelaySocketFactory(SocketFactory.getDefault()));
            }
            return options;
        }

        @Bean
        IntegrationFlow fromMqtt(MqttConnectionOptions options, Environment environment, Deliveries benchDeliveries) {
            Mqttv5PahoMessageDrivenChannelAdapter adapter = new Mqttv5PahoMessageDrivenChannelAdapter(options,
                    environment.getRequiredProperty("bench.clientId") + "-in", environment.getRequiredProperty("bench.topic"));
            adapter.setQos(1);
            adapter.setPersistence(new MemoryPersistence());
            return IntegrationFlow.from(adapter)
                    .transform(Transformers.fromJson(Telemetry.class))
                    .handle(Telemetry.class, (telemetry, headers) -> {
                        benchDeliveries.accept(telemetry);
                        return null;
                    })
                    .get();
        }

        @Bean
        IntegrationFlow toMqtt(MqttConnectionOptions options, Environment environment) {
            Mqttv5PahoMessageHandler handler = new Mqttv5PahoMessageHandler(options,
                    environment.getRequiredProperty("bench.clientId") + "-out");
            handler.setPersistence(new MemoryPersistence());
            handler.setDefaultTopic(environment.getRequiredProperty("bench.topic"));
            handler.setAsync(true);
            handler.setAsyncEvents(true);
            return flow -> flow.transform(Transformers.toJson()).handle(handler);
        }

        @Bean
        ApplicationListener<MqttMessageDeliveryEvent> benchDeliveryEvents(PahoIntegrationContender benchContender) {
            return event -> {
                if (!(event instanceof MqttMessageSentEvent)) {
                    benchContender.delivered();
                }
            };
        }
    }
}
