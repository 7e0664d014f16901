package dev.mqtt5.spring.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.PublishResult;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.UserProperty;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.spring.autoconfigure.Mqtt5AutoConfiguration;
import dev.mqtt5.spring.autoconfigure.listener.Mqtt5ListenerAutoConfiguration;
import dev.mqtt5.spring.autoconfigure.template.Mqtt5TemplateAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.mqtt5.spring.testing.RestartableMosquitto;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The auto-configured template against a real mosquitto, observed by a plain client. */
class Mqtt5TemplateIntegrationTests {

    private static MosquittoBroker broker;

    private static Mqtt5Client peer;

    private static final BlockingQueue<PublishPacket> received = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        broker = MosquittoBroker.start();
        peer = new Mqtt5Client(Mqtt5ClientOptions.builder().hostName(broker.host()).port(broker.tcpPort())
            .connectOptions(ConnectPacket.builder().clientId("template-peer").build()).build());
        peer.start();
        peer.subscribe(SubscribePacket.of("out/#", QoS.EXACTLY_ONCE), received::add).join();
    }

    @AfterAll
    static void stop() {
        peer.close();
        broker.close();
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, Mqtt5AutoConfiguration.class,
                Mqtt5ListenerAutoConfiguration.class, Mqtt5TemplateAutoConfiguration.class));

    private ApplicationContextRunner connected(String clientId) {
        return this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=" + broker.host(),
                "aws.iot.mqtt5.port=" + broker.tcpPort(), "aws.iot.mqtt5.client-id=" + clientId,
                "aws.iot.mqtt5.startup.wait-for-connection=true");
    }

    record Reading(String sensor, double value) {
    }

    @Test
    void publishesBytesAndTextAsyncAndSyncWithTheConfiguredDefaultQosAndRetain() {
        connected("template-defaults").withPropertyValues("aws.iot.mqtt5.template.default-qos=exactly-once")
            .run((context) -> {
                received.clear();
                Mqtt5Template template = context.getBean(Mqtt5Template.class);
                PublishResult async = template.publish("out/async", "text").join();
                assertThat(async.pubCompPacket()).isPresent();
                PublishResult sync = template.publishSync("out/sync", new byte[] { 1, 2 });
                assertThat(sync.pubCompPacket()).isPresent();
                PublishPacket first = take();
                PublishPacket second = take();
                assertThat(first.payloadAsString()).isEqualTo("text");
                assertThat(first.qos()).isEqualTo(QoS.EXACTLY_ONCE);
                assertThat(second.payload()).containsExactly(1, 2);
                template.publishSync(PublishPacket.builder().topic("out/packet").payload("p").qos(QoS.AT_MOST_ONCE)
                    .build());
                assertThat(take().qos()).isEqualTo(QoS.AT_MOST_ONCE);
            });
    }

    @Test
    void convertAndSendWritesJsonAndMapsHeadersToMqtt5Properties() {
        connected("template-convert").withPropertyValues("aws.iot.mqtt5.template.user-property-headers=tenant")
            .run((context) -> {
                received.clear();
                Mqtt5Template template = context.getBean(Mqtt5Template.class);
                template.convertAndSend("out/json", new Reading("temp", 21.5),
                        Map.of(Mqtt5Headers.MESSAGE_EXPIRY_INTERVAL, Duration.ofMinutes(5), Mqtt5Headers.RESPONSE_TOPIC,
                                "out/answers", "tenant", "acme", "ignored", "x"));
                PublishPacket publish = take();
                assertThat(publish.payloadAsString()).isEqualTo("{\"sensor\":\"temp\",\"value\":21.5}");
                assertThat(publish.contentType()).isEqualTo("application/json");
                assertThat(publish.responseTopic()).isEqualTo("out/answers");
                assertThat(publish.messageExpiryInterval()).isNotNull();
                assertThat(publish.userProperties()).containsExactly(UserProperty.of("tenant", "acme"));

                template.convertAndSendAsync("out/text", "plain", Map.of()).join();
                PublishPacket text = take();
                assertThat(text.payloadAsString()).isEqualTo("plain");
                assertThat(text.contentType()).isNull();
            });
    }

    @Test
    void sendAndReceiveUsesAPerClientReplyTopicAndTimesOutWithAClearMessage() {
        connected("template-timeout").run((context) -> {
            Mqtt5Template template = context.getBean(Mqtt5Template.class);
            assertThatExceptionOfType(CompletionException.class)
                .isThrownBy(() -> template.sendAndReceive("nobody/listens", "hello", Duration.ofMillis(300)).join())
                .withCauseInstanceOf(Mqtt5ReplyTimeoutException.class)
                .withMessageContaining("no reply on 'replies/template-timeout' within PT0.3S")
                .withMessageContaining("'nobody/listens'");
            assertThat(template.getReplyTopic()).isEqualTo("replies/template-timeout");
        });
    }

    @Test
    void oneDeadlineCoversTheWholeRequestAndTheExceptionSaysHowFarItGot() {
        try (RestartableMosquitto restartable = RestartableMosquitto.launch()) {
            this.runner.withPropertyValues("aws.iot.mqtt5.endpoint=" + restartable.host(),
                    "aws.iot.mqtt5.port=" + restartable.tcpPort(), "aws.iot.mqtt5.client-id=template-deadline",
                    "aws.iot.mqtt5.startup.wait-for-connection=true", "aws.iot.mqtt5.template.send-timeout=30s")
                .run((context) -> {
                    Mqtt5Template template = context.getBean(Mqtt5Template.class);
                    // Connected, nobody answers: the broker acknowledged, the reply never came.
                    assertThatExceptionOfType(Mqtt5ReplyTimeoutException.class)
                        .isThrownBy(() -> template.convertSendAndReceive("nobody/answers", "a", String.class,
                                Duration.ofMillis(800)))
                        .withMessageContaining("within PT0.8S")
                        .withMessageContaining("the broker acknowledged the request after");

                    // The broker is down: the same deadline holds (not the 30 s send timeout on top of it).
                    restartable.stop();
                    long start = System.nanoTime();
                    assertThatExceptionOfType(Mqtt5ReplyTimeoutException.class)
                        .isThrownBy(() -> template.convertSendAndReceive("nobody/answers", "b", String.class,
                                Duration.ofSeconds(1)))
                        .withMessageContaining("the broker had not acknowledged the request yet");
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
                });
        }
    }

    @Test
    void aResponderWithThePlainClientAnswersSendAndReceive() {
        connected("template-requester").run((context) -> {
            peer.subscribe(SubscribePacket.of("svc/echo", QoS.AT_LEAST_ONCE), (request) -> peer.publish(PublishPacket
                .builder().topic(request.responseTopic()).correlationData(request.correlationData())
                .payload("{\"sensor\":\"echo\",\"value\":1}").contentType("application/json").build())).join();
            Reading reply = context.getBean(Mqtt5Template.class)
                .convertSendAndReceive("svc/echo", "hi", Reading.class, Duration.ofSeconds(5));
            assertThat(reply).isEqualTo(new Reading("echo", 1));
        });
    }

    private static PublishPacket take() throws InterruptedException {
        PublishPacket publish = received.poll(10, TimeUnit.SECONDS);
        assertThat(publish).as("a publish within 10 s").isNotNull();
        return publish;
    }

}
