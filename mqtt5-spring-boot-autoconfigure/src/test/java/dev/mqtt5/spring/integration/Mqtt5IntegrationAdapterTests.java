package dev.mqtt5.spring.integration;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.UserProperty;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.spring.autoconfigure.Mqtt5AutoConfiguration;
import dev.mqtt5.spring.core.Mqtt5Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The inbound and outbound channel adapters in a flow built with the DSL, against a real mosquitto. */
class Mqtt5IntegrationAdapterTests {

    private static MosquittoBroker broker;

    @BeforeAll
    static void start() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class Flows {

        @Bean
        IntegrationFlow upperCaseBridge(Mqtt5Client client) {
            return IntegrationFlow
                .from(Mqtt5.inboundAdapter(client, "si/in/+").payloadType(String.class).id("bridgeInbound"))
                .<String, String>transform(String::toUpperCase)
                .enrichHeaders((headers) -> headers.headerExpression("origin", "headers['mqtt5_receivedTopic']"))
                .handle(Mqtt5.outboundAdapter(client).defaultTopic("si/out").userPropertyHeaders("origin"))
                .get();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class BurstFlow {

        static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

        static final AtomicInteger RECEIVED = new AtomicInteger();

        @Bean
        IntegrationFlow burstSink(Mqtt5Client client) {
            return IntegrationFlow.from(Mqtt5.inboundAdapter(client, "si/burst").id("burstInbound"))
                .handle((payload, headers) -> {
                    THREADS.add(Thread.currentThread().getName());
                    RECEIVED.incrementAndGet();
                    return null;
                })
                .get();
        }
    }

    @Test
    void burstsOfDeliveriesReuseTheInboundAdaptersThreadsInsteadOfStartingOneEach() throws Exception {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class))
            .withUserConfiguration(BurstFlow.class)
            .withPropertyValues("aws.iot.mqtt5.endpoint=" + broker.host(), "aws.iot.mqtt5.port=" + broker.tcpPort(),
                    "aws.iot.mqtt5.client-id=si-burst", "aws.iot.mqtt5.startup.wait-for-connection=true")
            .run((context) -> {
                Mqtt5MessageProducer inbound = context.getBean("burstInbound", Mqtt5MessageProducer.class);
                await().atMost(Duration.ofSeconds(10)).until(inbound::isSubscribed);
                Mqtt5Client peer = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(broker.host())
                    .port(broker.tcpPort()).connectOptions(ConnectPacket.builder().clientId("si-burst-peer").build())
                    .build());
                peer.start();
                try {
                    for (int burst = 0; burst < 20; burst++) {
                        for (int i = 0; i < 5; i++) {
                            peer.publish(PublishPacket.builder().topic("si/burst").payload("m" + i)
                                .qos(QoS.AT_LEAST_ONCE).build()).join();
                        }
                        int expected = (burst + 1) * 5;
                        await().atMost(Duration.ofSeconds(10)).until(() -> BurstFlow.RECEIVED.get() >= expected);
                        Thread.sleep(20); // the burst is over: its thread goes idle
                    }
                } finally {
                    peer.close();
                }
                // A thread per burst (Spring's SimpleAsyncTaskExecutor) would show about 20 names here.
                assertThat(BurstFlow.THREADS).hasSizeLessThanOrEqualTo(2)
                    .allMatch((name) -> name.startsWith("mqtt5-inbound-"));
            });
    }

    @Test
    void aFlowReceivesWithTheInboundAdapterAndPublishesWithTheOutboundAdapterMappingProperties() throws Exception {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class))
            .withUserConfiguration(Flows.class)
            .withPropertyValues("aws.iot.mqtt5.endpoint=" + broker.host(), "aws.iot.mqtt5.port=" + broker.tcpPort(),
                    "aws.iot.mqtt5.client-id=si-app", "aws.iot.mqtt5.startup.wait-for-connection=true")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                Mqtt5MessageProducer inbound = context.getBean("bridgeInbound", Mqtt5MessageProducer.class);
                await().atMost(Duration.ofSeconds(10)).until(inbound::isSubscribed);
                Mqtt5Client peer = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(broker.host())
                    .port(broker.tcpPort()).connectOptions(ConnectPacket.builder().clientId("si-peer").build()).build());
                peer.start();
                try {
                    BlockingQueue<PublishPacket> out = new LinkedBlockingQueue<>();
                    peer.subscribe(SubscribePacket.of("si/out", QoS.AT_LEAST_ONCE), out::add).join();
                    peer.publish(PublishPacket.builder().topic("si/in/kitchen").payload("hello").qos(QoS.AT_LEAST_ONCE)
                        .contentType("text/plain").messageExpiryInterval(Duration.ofMinutes(1)).build()).join();
                    PublishPacket forwarded = out.poll(10, TimeUnit.SECONDS);
                    assertThat(forwarded).isNotNull();
                    assertThat(forwarded.topic()).isEqualTo("si/out");
                    assertThat(forwarded.payloadAsString()).isEqualTo("HELLO");
                    assertThat(forwarded.contentType()).isEqualTo("text/plain");
                    assertThat(forwarded.messageExpiryInterval()).isNotNull();
                    assertThat(forwarded.userProperties()).contains(UserProperty.of("origin", "si/in/kitchen"));
                } finally {
                    peer.close();
                }
                inbound.stop();
                assertThat(inbound.isSubscribed()).isFalse();
                assertThat(Mqtt5Headers.TOPIC).isNotEqualTo(Mqtt5Headers.RECEIVED_TOPIC);
            });
    }
}
