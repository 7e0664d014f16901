package dev.mqtt5.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mqtt5.client.ClientState;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.config.JitterMode;
import dev.mqtt5.client.config.OfflineQueueBehavior;
import dev.mqtt5.client.config.SessionBehavior;
import dev.mqtt5.client.config.TopicAliasingOptions;
import dev.mqtt5.client.lifecycle.LifecycleListener;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.UserProperty;
import dev.mqtt5.client.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Tests of {@link Mqtt5AutoConfiguration}: the client bean, its options and its lifecycle. */
class Mqtt5AutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class))
        .withPropertyValues("aws.iot.mqtt5.auto-startup=false");

    @Test
    void endpointAloneBuildsAStoppedPlainClientOnPort1883() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=broker.example").run((context) -> {
            assertThat(context).hasSingleBean(Mqtt5Client.class).hasSingleBean(Mqtt5ClientLifecycle.class);
            Mqtt5ClientOptions options = context.getBean(Mqtt5Client.class).options();
            assertThat(options.hostName()).isEqualTo("broker.example");
            assertThat(options.port()).isEqualTo(1883);
            assertThat(options.tls()).isNull();
            assertThat(options.webSocket()).isNull();
            assertThat(context.getBean(Mqtt5Client.class).state()).isEqualTo(ClientState.STOPPED);
        });
    }

    @Test
    void memoryAndPoisonLimitsDefaultToTheClientsDocumentedDefaultsAndTheMetadataShowsThem() throws Exception {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=broker.example").run((context) -> {
            Mqtt5ClientOptions options = context.getBean(Mqtt5Client.class).options();
            assertThat(options.connectOptions().maximumPacketSize())
                .isEqualTo(Mqtt5ClientOptions.DEFAULT_MAXIMUM_PACKET_SIZE);
            assertThat(options.poisonOperationLimit()).isEqualTo(Mqtt5ClientOptions.DEFAULT_POISON_OPERATION_LIMIT);
        });
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=broker.example",
                "aws.iot.mqtt5.poison-operation-limit=0")
            .run((context) -> assertThat(context.getBean(Mqtt5Client.class).options().poisonOperationLimit()).isZero());
        String metadata;
        try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var properties = new tools.jackson.databind.ObjectMapper().readTree(metadata).get("properties");
        java.util.Map<String, String> defaults = new java.util.HashMap<>();
        properties.forEach((property) -> defaults.put(property.get("name").asString(),
                property.has("defaultValue") ? property.get("defaultValue").asString() : null));
        assertThat(defaults).containsEntry("aws.iot.mqtt5.maximum-packet-size", "1MB")
            .containsEntry("aws.iot.mqtt5.poison-operation-limit", "3");
    }

    @Test
    void aFixedClientIdWithAPersistentSessionRejoinsItOnTheFirstConnectionUnlessToldOtherwise() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.client-id=service-1",
                "aws.iot.mqtt5.session-expiry=1h")
            .run((context) -> assertThat(context.getBean(Mqtt5Client.class).options().sessionBehavior())
                .isEqualTo(SessionBehavior.REJOIN_ALWAYS));
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.client-id=service-1")
            .run((context) -> assertThat(context.getBean(Mqtt5Client.class).options().sessionBehavior())
                .isEqualTo(SessionBehavior.REJOIN_POST_SUCCESS));
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.session-expiry=1h")
            .run((context) -> assertThat(context.getBean(Mqtt5Client.class).options().sessionBehavior())
                .as("no fixed client id: nothing to resume across a restart")
                .isEqualTo(SessionBehavior.REJOIN_POST_SUCCESS));
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.client-id=service-1",
                "aws.iot.mqtt5.session-expiry=1h", "aws.iot.mqtt5.session-behavior=rejoin-post-success")
            .run((context) -> assertThat(context.getBean(Mqtt5Client.class).options().sessionBehavior())
                .isEqualTo(SessionBehavior.REJOIN_POST_SUCCESS));
    }

    @Test
    void everyConnectionPropertyReachesTheClientOptions() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=broker.example", "aws.iot.mqtt5.port=1999",
                "aws.iot.mqtt5.client-id=device-1", "aws.iot.mqtt5.username=user", "aws.iot.mqtt5.password=s3cret",
                "aws.iot.mqtt5.keep-alive=45s", "aws.iot.mqtt5.session-behavior=clean",
                "aws.iot.mqtt5.session-expiry=1h", "aws.iot.mqtt5.offline-queue-behavior=fail-all-on-disconnect",
                "aws.iot.mqtt5.receive-maximum=10", "aws.iot.mqtt5.maximum-packet-size=64KB",
                "aws.iot.mqtt5.user-properties.site=lab", "aws.iot.mqtt5.user-properties.rack=r2",
                "aws.iot.mqtt5.reconnect.min-delay=2s", "aws.iot.mqtt5.reconnect.max-delay=30s",
                "aws.iot.mqtt5.reconnect.jitter=decorrelated", "aws.iot.mqtt5.reconnect.reset-after=1m",
                "aws.iot.mqtt5.timeouts.connect=3s", "aws.iot.mqtt5.timeouts.connack=4s",
                "aws.iot.mqtt5.timeouts.ping=5s", "aws.iot.mqtt5.timeouts.ack=6s",
                "aws.iot.mqtt5.topic-aliasing.outbound=lru", "aws.iot.mqtt5.topic-aliasing.cache-size=8",
                "aws.iot.mqtt5.topic-aliasing.inbound-maximum=7", "aws.iot.mqtt5.flow-control.enabled=true",
                "aws.iot.mqtt5.will.topic=devices/1/status", "aws.iot.mqtt5.will.payload=offline",
                "aws.iot.mqtt5.will.qos=at-least-once", "aws.iot.mqtt5.will.retain=true",
                "aws.iot.mqtt5.will.delay=5s", "aws.iot.mqtt5.will.content-type=text/plain")
            .run((context) -> {
                Mqtt5ClientOptions options = context.getBean(Mqtt5Client.class).options();
                assertThat(options.port()).isEqualTo(1999);
                ConnectPacket connect = options.connectOptions();
                assertThat(connect.clientId()).isEqualTo("device-1");
                assertThat(connect.username()).isEqualTo("user");
                assertThat(new String(connect.password(), StandardCharsets.UTF_8)).isEqualTo("s3cret");
                assertThat(connect.keepAlive()).isEqualTo(Duration.ofSeconds(45));
                assertThat(connect.sessionExpiryInterval()).isEqualTo(Duration.ofHours(1));
                assertThat(connect.receiveMaximum()).isEqualTo(10);
                assertThat(connect.maximumPacketSize()).isEqualTo(64 * 1024L);
                assertThat(connect.topicAliasMaximum()).isEqualTo(7);
                assertThat(connect.userProperties()).containsExactly(new UserProperty("site", "lab"),
                        new UserProperty("rack", "r2"));
                assertThat(connect.will().topic()).isEqualTo("devices/1/status");
                assertThat(new String(connect.will().payload(), StandardCharsets.UTF_8)).isEqualTo("offline");
                assertThat(connect.will().qos()).isEqualTo(QoS.AT_LEAST_ONCE);
                assertThat(connect.will().retain()).isTrue();
                assertThat(connect.will().contentType()).isEqualTo("text/plain");
                assertThat(connect.willDelayInterval()).isEqualTo(Duration.ofSeconds(5));
                assertThat(options.sessionBehavior()).isEqualTo(SessionBehavior.CLEAN);
                assertThat(options.offlineQueueBehavior()).isEqualTo(OfflineQueueBehavior.FAIL_ALL_ON_DISCONNECT);
                assertThat(options.reconnectOptions().minDelay()).isEqualTo(Duration.ofSeconds(2));
                assertThat(options.reconnectOptions().maxDelay()).isEqualTo(Duration.ofSeconds(30));
                assertThat(options.reconnectOptions().jitterMode()).isEqualTo(JitterMode.DECORRELATED);
                assertThat(options.reconnectOptions().resetAfter()).isEqualTo(Duration.ofMinutes(1));
                assertThat(options.socketConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
                assertThat(options.connackTimeout()).isEqualTo(Duration.ofSeconds(4));
                assertThat(options.pingTimeout()).isEqualTo(Duration.ofSeconds(5));
                assertThat(options.operationTimeout()).isEqualTo(Duration.ofSeconds(6));
                assertThat(options.topicAliasing().mode()).isEqualTo(TopicAliasingOptions.Mode.LRU);
                assertThat(options.topicAliasing().cacheSize()).isEqualTo(8);
                assertThat(options.flowControl().enabled()).isTrue();
                assertThat(options.flowControl().publishesPerSecond()).isEqualTo(100);
            });
    }

    @Test
    void discouragedCharactersAreRefusedByDefaultAndAllowedByTheProperty() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b").run((context) -> {
            Mqtt5Client client = context.getBean(Mqtt5Client.class);
            assertThat(client.options().allowDiscouragedCharacters()).isFalse();
            assertThatThrownBy(() -> client.publish(PublishPacket.builder().topic("t").userProperty("k", "a\nb")
                .build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("publish userProperties[0].value contains the control character U+000A");
        });
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.allow-discouraged-characters=true",
                "aws.iot.mqtt5.user-properties.note=a\nb")
            .run((context) -> {
                Mqtt5Client client = context.getBean(Mqtt5Client.class);
                assertThat(client.options().allowDiscouragedCharacters()).isTrue();
                assertThat(client.options().connectOptions().userProperties())
                    .containsExactly(new UserProperty("note", "a\nb"));
            });
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.user-properties.note=a\nb")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageStartingWith("connectOptions.userProperties[0].value contains the control character U+000A"));
    }

    @Test
    void flowControlRatesReplaceTheIotCoreLimits() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.flow-control.enabled=true",
                "aws.iot.mqtt5.flow-control.publishes-per-second=5").run((context) -> {
                    Mqtt5ClientOptions options = context.getBean(Mqtt5Client.class).options();
                    assertThat(options.flowControl().publishesPerSecond()).isEqualTo(5);
                    assertThat(options.flowControl().bytesPerSecond()).isEqualTo(512 * 1024);
                });
    }

    @Test
    void tlsWithCaAndAlpnDefaultsThePortTo8883(@TempDir Path directory) {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.tls.ca=file:" + pem.caCertificate(),
                "aws.iot.mqtt5.tls.alpn=x-amzn-mqtt-ca", "aws.iot.mqtt5.tls.server-name=sni.example",
                "aws.iot.mqtt5.tls.hostname-verification=false").run((context) -> {
                    Mqtt5ClientOptions options = context.getBean(Mqtt5Client.class).options();
                    assertThat(options.port()).isEqualTo(8883);
                    assertThat(options.tls().trustedCertificates()).containsExactly(TestCertificates.get().ca().certificate());
                    assertThat(options.tls().alpnProtocols()).containsExactly("x-amzn-mqtt-ca");
                    assertThat(options.tls().serverName()).contains("sni.example");
                    assertThat(options.tls().hostnameVerification()).isFalse();
                });
    }

    @Test
    void tlsClientCertificateIsReadFromPemFiles(@TempDir Path directory) {
        TestCertificates.PemFiles pem = TestCertificates.get().writePem(directory);
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b",
                "aws.iot.mqtt5.tls.client-certificate=file:" + pem.clientCertificate(),
                "aws.iot.mqtt5.tls.client-private-key=file:" + pem.clientKey()).run((context) -> {
                    Mqtt5ClientOptions options = context.getBean(Mqtt5Client.class).options();
                    assertThat(options.tls().clientCertificateChain())
                        .containsExactly(TestCertificates.get().client().certificate());
                    assertThat(options.tls().clientKey()).contains(TestCertificates.get().client().privateKey());
                });
    }

    @Test
    void webSocketDefaultsThePortTo80AndTo443WithTls() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.websocket.enabled=true",
                "aws.iot.mqtt5.websocket.path=/ws").run((context) -> {
                    Mqtt5ClientOptions options = context.getBean(Mqtt5Client.class).options();
                    assertThat(options.port()).isEqualTo(80);
                    assertThat(options.webSocket().path()).isEqualTo("/ws");
                });
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.websocket.enabled=true",
                "aws.iot.mqtt5.tls.enabled=true")
            .run((context) -> assertThat(context.getBean(Mqtt5Client.class).options().port()).isEqualTo(443));
    }

    @Test
    void customizersRunInOrderAfterTheProperties() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.port=1000")
            .withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
                assertThat(context.getBean(Mqtt5Client.class).options().port()).isEqualTo(1002);
                assertThat(context.getBean("calls", List.class)).containsExactly("first", "second");
            });
    }

    @Test
    void connectionDetailsBeanOverridesEndpointPortAndCredentials() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=from-properties", "aws.iot.mqtt5.username=a")
            .withBean(Mqtt5ConnectionDetails.class, () -> new Mqtt5ConnectionDetails() {
                @Override
                public String getEndpoint() {
                    return "from-details";
                }

                @Override
                public Integer getPort() {
                    return 2883;
                }

                @Override
                public String getUsername() {
                    return "details-user";
                }
            })
            .run((context) -> {
                Mqtt5ClientOptions options = context.getBean(Mqtt5Client.class).options();
                assertThat(options.hostName()).isEqualTo("from-details");
                assertThat(options.port()).isEqualTo(2883);
                assertThat(options.connectOptions().username()).isEqualTo("details-user");
                assertThat(context).doesNotHaveBean(PropertiesMqtt5ConnectionDetails.class);
            });
    }

    @Test
    void aClientBeanOfTheApplicationReplacesTheAutoConfiguredOne() {
        Mqtt5Client own = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName("own").port(1).build());
        this.runner.withBean("ownClient", Mqtt5Client.class, () -> own).run((context) -> {
            assertThat(context).hasSingleBean(Mqtt5Client.class);
            assertThat(context.getBean(Mqtt5Client.class)).isSameAs(own);
            assertThat(context.getBean(Mqtt5ConnectionTracker.class).isTracking(own)).isFalse();
        });
    }

    @Test
    void autoStartupStartsTheClientWithTheContextAndStopsItOnClose() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(Mqtt5AutoConfiguration.class))
            .withPropertyValues("aws.iot.mqtt5.endpoint=127.0.0.1", "aws.iot.mqtt5.port=1",
                    "aws.iot.mqtt5.reconnect.min-delay=10s", "aws.iot.mqtt5.reconnect.max-delay=10s")
            .run((context) -> {
                Mqtt5Client client = context.getBean(Mqtt5Client.class);
                await().atMost(Duration.ofSeconds(5)).until(() -> client.state() != ClientState.STOPPED);
                context.close();
                assertThat(client.state()).isEqualTo(ClientState.STOPPED);
            });
    }

    @Test
    void lifecycleListenerBeansReceiveTheClientsEvents() {
        List<String> events = new ArrayList<>();
        LifecycleListener listener = new LifecycleListener() {
            @Override
            public void onAttemptingConnect(dev.mqtt5.client.lifecycle.AttemptingConnectEvent event) {
                events.add("attempt");
            }
        };
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b").withBean(LifecycleListener.class, () -> listener)
            .run((context) -> {
                context.getBean(Mqtt5Client.class).options().lifecycleListener()
                    .onAttemptingConnect(new dev.mqtt5.client.lifecycle.AttemptingConnectEvent(1));
                assertThat(events).containsExactly("attempt");
            });
    }

    @Test
    void thePasswordAppearsNeitherInTheOptionsNorInTheConnectionDetails() {
        this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=b", "aws.iot.mqtt5.password=hunter2-secret")
            .run((context) -> {
                assertThat(context.getBean(Mqtt5Client.class).options().toString()).doesNotContain("hunter2-secret");
                assertThat(context.getBean(Mqtt5ConnectionDetails.class).toString()).doesNotContain("hunter2-secret");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {

        @Bean
        List<String> calls() {
            return new ArrayList<>();
        }

        @Bean
        @Order(2)
        Mqtt5ClientCustomizer second(List<String> calls) {
            return (builder) -> {
                calls.add("second");
                builder.port(1002);
            };
        }

        @Bean
        @Order(1)
        Mqtt5ClientCustomizer first(List<String> calls) {
            return (builder) -> {
                calls.add("first");
                builder.port(1001);
            };
        }
    }
}
