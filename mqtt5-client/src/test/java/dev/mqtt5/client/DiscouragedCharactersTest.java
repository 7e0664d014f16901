package dev.mqtt5.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.auth.EnhancedAuthenticator;
import dev.mqtt5.client.packet.AuthPacket;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.DisconnectPacket;
import dev.mqtt5.client.packet.PayloadFormat;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.Subscription;
import dev.mqtt5.client.packet.UnsubscribePacket;
import dev.mqtt5.client.packet.UserProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every string the client sends is refused, before anything is queued, when it holds a character
 * MQTT 5.0 section 1.5.4 says a sender should not send, unless the client allows them; and a
 * payload declared UTF-8 must be UTF-8. The client is never started: nothing here reaches a socket.
 */
class DiscouragedCharactersTest {

    private static final String LINE_FEED = "a\nb";
    private static final String NON_CHARACTER = "a\uFFFFb";

    private final List<Mqtt5Client> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(Mqtt5Client::close);
    }

    private Mqtt5Client client(boolean allowDiscouraged) {
        return client(allowDiscouraged, b -> b);
    }

    private Mqtt5Client client(boolean allowDiscouraged, UnaryOperator<Mqtt5ClientOptions.Builder> adjust) {
        Mqtt5Client client = new Mqtt5Client(adjust.apply(Mqtt5ClientOptions.builder().hostName("127.0.0.1").port(1)
                .allowDiscouragedCharacters(allowDiscouraged)).build());
        clients.add(client);
        return client;
    }

    /** One call per path an application string takes into a packet, and the field its error must name. */
    private record Path(String field, Consumer<Mqtt5Client> call) {
    }

    private static List<Path> operationPaths(String bad) {
        return List.of(
                new Path("publish topic", c -> c.publish(PublishPacket.builder().topic("t/" + bad).build())),
                new Path("publish responseTopic", c -> c.publish(PublishPacket.builder().topic("t")
                        .responseTopic(bad).build())),
                new Path("publish contentType", c -> c.publish(PublishPacket.builder().topic("t")
                        .contentType(bad).build())),
                new Path("publish userProperties[2].value", c -> c.publish(PublishPacket.builder().topic("t")
                        .userProperty("a", "1").userProperty("b", "2").userProperty("c", bad).build())),
                new Path("publish userProperties[0].name", c -> c.publish(PublishPacket.builder().topic("t")
                        .userProperty(bad, "v").build())),
                new Path("subscribe subscriptions[1].topicFilter", c -> c.subscribe(SubscribePacket.builder()
                        .subscription(Subscription.builder("ok").build())
                        .subscription(Subscription.builder("s/" + bad).build()).build())),
                new Path("subscribe userProperties[0].value", c -> c.subscribe(SubscribePacket.builder()
                        .subscription(Subscription.builder("ok").build())
                        .userProperty("k", bad).build())),
                new Path("unsubscribe topicFilters[0]", c -> c.unsubscribe(UnsubscribePacket.of("u/" + bad))),
                new Path("unsubscribe userProperties[0].name", c -> c.unsubscribe(new UnsubscribePacket(
                        List.of("u"), List.of(UserProperty.of(bad, "v"))))),
                new Path("disconnect reasonString", c -> c.stop(DisconnectPacket.builder().reasonString(bad).build())),
                new Path("disconnect userProperties[0].value", c -> c.stop(DisconnectPacket.builder()
                        .userProperty("k", bad).build())));
    }

    private static List<Path> connectPaths(String bad) {
        return List.of(
                new Path("connectOptions.clientId", c -> { }),
                new Path("connectOptions.username", c -> { }),
                new Path("connectOptions.authenticationMethod", c -> { }),
                new Path("connectOptions.userProperties[0].value", c -> { }),
                new Path("connectOptions.will topic", c -> { }),
                new Path("connectOptions.will contentType", c -> { }),
                new Path("connectOptions.will userProperties[0].name", c -> { }),
                new Path("enhancedAuthenticator.method()", c -> { }));
    }

    private static ConnectPacket connectWith(String field, String bad) {
        ConnectPacket.Builder connect = ConnectPacket.builder().clientId("c");
        PublishPacket.Builder will = PublishPacket.builder().topic("w");
        switch (field) {
            case "connectOptions.clientId" -> connect.clientId(bad);
            case "connectOptions.username" -> connect.username(bad);
            case "connectOptions.authenticationMethod" -> connect.authenticationMethod(bad);
            case "connectOptions.userProperties[0].value" -> connect.userProperty("k", bad);
            case "connectOptions.will topic" -> will.topic(bad);
            case "connectOptions.will contentType" -> will.contentType(bad);
            case "connectOptions.will userProperties[0].name" -> will.userProperty(bad, "v");
            default -> {
                return connect.build();
            }
        }
        return connect.will(will.build()).build();
    }

    private static EnhancedAuthenticator authenticator(String method) {
        return new EnhancedAuthenticator() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public CompletionStage<byte[]> initialData(Phase phase) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletionStage<byte[]> onChallenge(AuthPacket challenge) {
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    private Mqtt5Client clientForConnectPath(String field, String bad, boolean allow) {
        return client(allow, b -> field.equals("enhancedAuthenticator.method()")
                ? b.enhancedAuthenticator(authenticator(bad)) : b.connectOptions(connectWith(field, bad)));
    }

    @Test
    void everyOperationRefusesAControlCharacterNamingTheFieldTheCodePointAndTheOptOut() {
        Mqtt5Client client = client(false);
        for (Path path : operationPaths(LINE_FEED)) {
            assertThatThrownBy(() -> path.call().accept(client)).as(path.field())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(path.field() + " contains the control character U+000A at index ")
                    .hasMessageContaining("allowDiscouragedCharacters(true)");
        }
        assertThat(client.operationStatistics()).isEqualTo(OperationStatistics.EMPTY);
    }

    @Test
    void everyOperationRefusesAUnicodeNonCharacter() {
        Mqtt5Client client = client(false);
        for (Path path : operationPaths(NON_CHARACTER)) {
            assertThatThrownBy(() -> path.call().accept(client)).as(path.field())
                    .hasMessageStartingWith(path.field() + " contains the Unicode non-character U+FFFF at index ");
        }
    }

    @Test
    void everyConnectStringIsCheckedWhenTheClientIsCreated() {
        for (Path path : connectPaths(LINE_FEED)) {
            assertThatThrownBy(() -> clientForConnectPath(path.field(), LINE_FEED, false)).as(path.field())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(path.field() + " contains the control character U+000A at index ");
        }
    }

    @Test
    void withTheOptOutEveryPathAcceptsDiscouragedCharacters() {
        Mqtt5Client client = client(true);
        for (String bad : List.of(LINE_FEED, NON_CHARACTER, "\u0085", "\uDBFF\uDFFF")) {
            for (Path path : operationPaths(bad)) {
                assertThatCode(() -> path.call().accept(client)).as(path.field()).doesNotThrowAnyException();
            }
            for (Path path : connectPaths(bad)) {
                assertThatCode(() -> clientForConnectPath(path.field(), bad, true)).as(path.field())
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void withTheOptOutUPlus0000IsStillRefused() {
        Mqtt5Client client = client(true);
        for (Path path : operationPaths("a\u0000b")) {
            assertThatThrownBy(() -> path.call().accept(client)).as(path.field())
                    .hasMessageStartingWith(path.field() + " is not well-formed UTF-8 for MQTT: contains U+0000");
        }
    }

    @Test
    void aTopicStringReusedAcrossPublishesIsRefusedEveryTimeAndAcceptedEveryTimeWithTheOptOut() {
        // The second publish of the same String goes through the topic cache (EncodedTopic): it must check alike.
        String topic = "t/" + LINE_FEED;
        Mqtt5Client strict = client(false);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> strict.publish(PublishPacket.builder().topic(topic).build()))
                    .hasMessageStartingWith("publish topic contains the control character U+000A at index 3, ");
        }
        Mqtt5Client lenient = client(true);
        for (int i = 0; i < 3; i++) {
            assertThatCode(() -> lenient.publish(PublishPacket.builder().topic(topic).build()))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aPayloadDeclaredUtf8MustBeWellFormedUtf8() {
        Mqtt5Client client = client(true);
        byte[] malformed = {'o', 'k', (byte) 0xC3, 0x28};
        assertThatThrownBy(() -> client.publish(PublishPacket.builder().topic("t").payload(malformed)
                .payloadFormat(PayloadFormat.UTF8).qos(QoS.AT_LEAST_ONCE).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("publish payload is not well-formed UTF-8 at byte offset 2, but its "
                        + "payloadFormat is UTF8");
        assertThat(client.operationStatistics()).isEqualTo(OperationStatistics.EMPTY);
        assertThatCode(() -> client.publish(PublishPacket.builder().topic("t").payload(malformed)
                .payloadFormat(PayloadFormat.BYTES).build())).doesNotThrowAnyException();
        assertThatCode(() -> client.publish(PublishPacket.builder().topic("t").payload(malformed).build()))
                .doesNotThrowAnyException();
        assertThatCode(() -> client.publish(PublishPacket.builder().topic("t").payload("naïve 😀 \u0000")
                .payloadFormat(PayloadFormat.UTF8).build())).doesNotThrowAnyException();
        PublishPacket will = PublishPacket.builder().topic("w").payload(malformed).payloadFormat(PayloadFormat.UTF8)
                .build();
        assertThatThrownBy(() -> client(false, b -> b.connectOptions(ConnectPacket.builder().will(will).build())))
                .hasMessageStartingWith("connectOptions.will payload is not well-formed UTF-8 at byte offset 2");
    }
}
