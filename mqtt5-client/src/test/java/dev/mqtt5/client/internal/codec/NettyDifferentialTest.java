package dev.mqtt5.client.internal.codec;

import static dev.mqtt5.client.internal.codec.NettyOracle.binary;
import static dev.mqtt5.client.internal.codec.NettyOracle.integer;
import static dev.mqtt5.client.internal.codec.NettyOracle.string;
import static dev.mqtt5.client.internal.codec.NettyOracle.subscriptionIdentifiers;
import static dev.mqtt5.client.internal.codec.NettyOracle.unsigned;
import static dev.mqtt5.client.internal.codec.NettyOracle.userProperties;
import static io.netty.handler.codec.mqtt.MqttProperties.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.internal.codec.NettyOracle.Props;
import dev.mqtt5.client.packet.AuthPacket;
import dev.mqtt5.client.packet.AuthReasonCode;
import dev.mqtt5.client.packet.ConnAckPacket;
import dev.mqtt5.client.packet.ConnectPacket;
import dev.mqtt5.client.packet.ConnectReasonCode;
import dev.mqtt5.client.packet.DisconnectPacket;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import dev.mqtt5.client.packet.PayloadFormat;
import dev.mqtt5.client.packet.PubAckPacket;
import dev.mqtt5.client.packet.PubAckReasonCode;
import dev.mqtt5.client.packet.PubCompPacket;
import dev.mqtt5.client.packet.PubCompReasonCode;
import dev.mqtt5.client.packet.PubRecPacket;
import dev.mqtt5.client.packet.PubRecReasonCode;
import dev.mqtt5.client.packet.PubRelPacket;
import dev.mqtt5.client.packet.PubRelReasonCode;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.ReasonCode;
import dev.mqtt5.client.packet.RetainHandling;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubAckReasonCode;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.Subscription;
import dev.mqtt5.client.packet.UnsubAckPacket;
import dev.mqtt5.client.packet.UnsubAckReasonCode;
import dev.mqtt5.client.packet.UnsubscribePacket;
import dev.mqtt5.client.packet.UserProperty;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Our encoder against Netty's decoder, Netty's encoder against our decoder: the same fields must come out. */
class NettyDifferentialTest {

    private static final int ROUNDS = 100;

    // ---------------------------------------------------------------- our encoder, Netty's decoder

    @Test
    void nettyDecodesOurConnectWithEveryPropertyAWillUserNameAndPassword() {
        Random random = new Random(1);
        for (int i = 0; i < ROUNDS; i++) {
            ConnectPacket connect = randomConnect(random, i == 0);
            boolean cleanStart = random.nextBoolean();
            MqttConnectMessage m = (MqttConnectMessage) NettyOracle.decode(
                    Wire.encode(PacketEncoders.connect(connect, cleanStart)));
            var header = m.variableHeader();
            assertThat(header.name()).isEqualTo("MQTT");
            assertThat(header.version()).isEqualTo(5);
            assertThat(header.isCleanSession()).isEqualTo(cleanStart);
            assertThat(header.keepAliveTimeSeconds()).isEqualTo(connect.keepAlive().getSeconds());
            assertThat(header.hasUserName()).isEqualTo(connect.username() != null);
            assertThat(header.hasPassword()).isEqualTo(connect.password() != null);
            MqttProperties p = header.properties();
            assertThat(unsigned(p, SESSION_EXPIRY_INTERVAL)).isEqualTo(seconds(connect.sessionExpiryInterval()));
            assertThat(integer(p, RECEIVE_MAXIMUM)).isEqualTo(connect.receiveMaximum());
            assertThat(unsigned(p, MAXIMUM_PACKET_SIZE)).isEqualTo(connect.maximumPacketSize());
            assertThat(integer(p, TOPIC_ALIAS_MAXIMUM)).isEqualTo(connect.topicAliasMaximum());
            assertThat(integer(p, REQUEST_RESPONSE_INFORMATION)).isEqualTo(bit(connect.requestResponseInformation()));
            assertThat(integer(p, REQUEST_PROBLEM_INFORMATION)).isEqualTo(bit(connect.requestProblemInformation()));
            assertThat(userProperties(p)).isEqualTo(connect.userProperties());
            assertThat(string(p, AUTHENTICATION_METHOD)).isEqualTo(connect.authenticationMethod());
            assertThat(binary(p, AUTHENTICATION_DATA)).isEqualTo(connect.authenticationData());
            var payload = m.payload();
            assertThat(payload.clientIdentifier()).isEqualTo(connect.clientId());
            assertThat(payload.userName()).isEqualTo(connect.username());
            assertThat(payload.passwordInBytes()).isEqualTo(connect.password());
            PublishPacket will = connect.will();
            assertThat(header.isWillFlag()).isEqualTo(will != null);
            if (will != null) {
                assertThat(header.willQos()).isEqualTo(will.qos().value());
                assertThat(header.isWillRetain()).isEqualTo(will.retain());
                assertThat(payload.willTopic()).isEqualTo(will.topic());
                assertThat(payload.willMessageInBytes()).isEqualTo(will.payload());
                MqttProperties w = payload.willProperties();
                assertThat(unsigned(w, WILL_DELAY_INTERVAL)).isEqualTo(seconds(connect.willDelayInterval()));
                assertMessageProperties(w, will);
            }
        }
    }

    @Test
    void nettyDecodesOurPublishWithEveryProperty() {
        Random random = new Random(2);
        for (int i = 0; i < ROUNDS; i++) {
            PublishPacket publish = randomPublish(random, i == 0).toBuilder().subscriptionIdentifiers(List.of(7)).build();
            int packetId = 1 + random.nextInt(65535);
            boolean dup = publish.qos() != QoS.AT_MOST_ONCE && random.nextBoolean();
            MqttPublishMessage m = (MqttPublishMessage) NettyOracle.decode(
                    Wire.encode(PacketEncoders.publish(publish), packetId, dup));
            assertThat(m.fixedHeader().qosLevel().value()).isEqualTo(publish.qos().value());
            assertThat(m.fixedHeader().isRetain()).isEqualTo(publish.retain());
            assertThat(m.fixedHeader().isDup()).isEqualTo(dup);
            assertThat(m.variableHeader().topicName()).isEqualTo(publish.topic());
            assertThat(m.variableHeader().packetId()).isEqualTo(publish.qos() == QoS.AT_MOST_ONCE ? -1 : packetId);
            MqttProperties p = m.variableHeader().properties();
            assertThat(integer(p, TOPIC_ALIAS)).isEqualTo(publish.topicAlias());
            assertThat(subscriptionIdentifiers(p)).as("a client never sends Subscription Identifiers").isEmpty();
            assertMessageProperties(p, publish);
            assertThat(ByteBufUtil.getBytes(m.payload())).isEqualTo(publish.payload());
            m.release();
        }
    }

    @Test
    void nettyDecodesOurSubscribeWithEveryOption() {
        Random random = new Random(3);
        for (int i = 0; i < ROUNDS; i++) {
            SubscribePacket.Builder builder = SubscribePacket.builder();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                builder.subscription(Subscription.builder(randomText(random, 1, 20))
                        .qos(QoS.fromValue(random.nextInt(3))).noLocal(random.nextBoolean())
                        .retainAsPublished(random.nextBoolean())
                        .retainHandling(RetainHandling.fromValue(random.nextInt(3))).build());
            }
            if (random.nextBoolean()) {
                builder.subscriptionIdentifier(1 + random.nextInt(268_435_455));
            }
            if (random.nextBoolean()) {
                builder.userProperty(randomText(random, 0, 5), randomText(random, 0, 5));
            }
            SubscribePacket subscribe = builder.build();
            MqttSubscribeMessage m = (MqttSubscribeMessage) NettyOracle.decode(
                    Wire.encode(PacketEncoders.subscribe(subscribe), 42, false));
            assertThat(m.idAndPropertiesVariableHeader().messageId()).isEqualTo(42);
            MqttProperties p = m.idAndPropertiesVariableHeader().properties();
            assertThat(subscriptionIdentifiers(p)).isEqualTo(subscribe.subscriptionIdentifier() == null
                    ? List.of() : List.of(subscribe.subscriptionIdentifier()));
            assertThat(userProperties(p)).isEqualTo(subscribe.userProperties());
            List<MqttTopicSubscription> topics = m.payload().topicSubscriptions();
            assertThat(topics).hasSameSizeAs(subscribe.subscriptions());
            for (int k = 0; k < topics.size(); k++) {
                Subscription expected = subscribe.subscriptions().get(k);
                MqttTopicSubscription actual = topics.get(k);
                assertThat(actual.topicFilter()).isEqualTo(expected.topicFilter());
                assertThat(actual.option().qos().value()).isEqualTo(expected.qos().value());
                assertThat(actual.option().isNoLocal()).isEqualTo(expected.noLocal());
                assertThat(actual.option().isRetainAsPublished()).isEqualTo(expected.retainAsPublished());
                assertThat(actual.option().retainHandling().value()).isEqualTo(expected.retainHandling().value());
            }
        }
    }

    @Test
    void nettyDecodesOurUnsubscribe() {
        UnsubscribePacket unsubscribe = new UnsubscribePacket(List.of("a/+", "$share/g/b/#", "ü/漢/😀"),
                List.of(UserProperty.of("k", "v"), UserProperty.of("k", "w")));
        MqttUnsubscribeMessage m = (MqttUnsubscribeMessage) NettyOracle.decode(
                Wire.encode(PacketEncoders.unsubscribe(unsubscribe), 65535, false));
        assertThat(m.idAndPropertiesVariableHeader().messageId()).isEqualTo(65535);
        assertThat(userProperties(m.idAndPropertiesVariableHeader().properties())).isEqualTo(unsubscribe.userProperties());
        assertThat(m.payload().topics()).isEqualTo(unsubscribe.topicFilters());
    }

    @Test
    void nettyDecodesOurPublishAcknowledgements() {
        Random random = new Random(4);
        for (int i = 0; i < ROUNDS; i++) {
            String reason = random.nextBoolean() ? randomText(random, 0, 10) : null;
            List<UserProperty> users = randomUserProperties(random);
            int id = 1 + random.nextInt(65535);
            checkNettyAck(MqttMessageType.PUBACK, id, PacketEncoders.pubAck(
                    new PubAckPacket(pick(random, PubAckReasonCode.values()), reason, users)), reason, users);
            checkNettyAck(MqttMessageType.PUBREC, id, PacketEncoders.pubRec(
                    new PubRecPacket(pick(random, PubRecReasonCode.values()), reason, users)), reason, users);
            checkNettyAck(MqttMessageType.PUBREL, id, PacketEncoders.pubRel(
                    new PubRelPacket(pick(random, PubRelReasonCode.values()), reason, users)), reason, users);
            checkNettyAck(MqttMessageType.PUBCOMP, id, PacketEncoders.pubComp(
                    new PubCompPacket(pick(random, PubCompReasonCode.values()), reason, users)), reason, users);
        }
    }

    private static void checkNettyAck(MqttMessageType type, int id, OutboundPacket packet, String reason,
            List<UserProperty> users) {
        byte[] bytes = Wire.encode(packet, id, false);
        MqttMessage m = NettyOracle.decode(bytes);
        assertThat(m.fixedHeader().messageType()).isEqualTo(type);
        assertThat(((MqttMessageIdVariableHeader) m.variableHeader()).messageId()).isEqualTo(id);
        int reasonCode = bytes.length > 4 ? bytes[4] & 0xFF : 0;
        if (m.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply) {
            assertThat(reply.reasonCode() & 0xFF).isEqualTo(reasonCode);
            assertThat(string(reply.properties(), REASON_STRING)).isEqualTo(reason);
            assertThat(userProperties(reply.properties())).isEqualTo(users);
        } else {
            assertThat(bytes).hasSize(4);
        }
    }

    @Test
    void nettyDecodesOurDisconnectAuthAndPingReq() {
        Random random = new Random(5);
        for (int i = 0; i < ROUNDS; i++) {
            DisconnectPacket disconnect = new DisconnectPacket(pick(random, DisconnectReasonCode.values()),
                    random.nextBoolean() ? Duration.ofSeconds(random.nextInt(100_000)) : null,
                    random.nextBoolean() ? randomText(random, 0, 10) : null, randomUserProperties(random),
                    random.nextBoolean() ? randomText(random, 1, 10) : null);
            MqttMessage m = NettyOracle.decode(Wire.encode(PacketEncoders.disconnect(disconnect)));
            assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
            var header = (MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader();
            assertThat(header.reasonCode() & 0xFF).isEqualTo(disconnect.reasonCode().code());
            MqttProperties p = header.properties();
            assertThat(unsigned(p, SESSION_EXPIRY_INTERVAL)).isEqualTo(seconds(disconnect.sessionExpiryInterval()));
            assertThat(string(p, REASON_STRING)).isEqualTo(disconnect.reasonString());
            assertThat(userProperties(p)).isEqualTo(disconnect.userProperties());
            assertThat(string(p, SERVER_REFERENCE)).isEqualTo(disconnect.serverReference());

            AuthPacket auth = new AuthPacket(pick(random, AuthReasonCode.values()), randomText(random, 1, 8),
                    random.nextBoolean() ? randomBytes(random, 20) : null,
                    random.nextBoolean() ? randomText(random, 0, 10) : null, randomUserProperties(random));
            m = NettyOracle.decode(Wire.encode(PacketEncoders.auth(auth)));
            assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.AUTH);
            header = (MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader();
            assertThat(header.reasonCode() & 0xFF).isEqualTo(auth.reasonCode().code());
            p = header.properties();
            assertThat(string(p, AUTHENTICATION_METHOD)).isEqualTo(auth.authenticationMethod());
            assertThat(binary(p, AUTHENTICATION_DATA)).isEqualTo(auth.authenticationData());
            assertThat(string(p, REASON_STRING)).isEqualTo(auth.reasonString());
            assertThat(userProperties(p)).isEqualTo(auth.userProperties());
        }
        assertThat(NettyOracle.decode(Wire.encode(PacketEncoders.PINGREQ)).fixedHeader().messageType())
                .isEqualTo(MqttMessageType.PINGREQ);
    }

    // ---------------------------------------------------------------- Netty's encoder, our decoder

    @Test
    void weDecodeNettysConnAckWithEveryProperty() {
        Random random = new Random(6);
        for (int i = 0; i < ROUNDS; i++) {
            boolean all = i == 0;
            ConnectReasonCode code = i == 0 ? ConnectReasonCode.SUCCESS : pick(random, ConnectReasonCode.values());
            ConnAckPacket expected = ConnAckPacket.builder()
                    .sessionPresent(code == ConnectReasonCode.SUCCESS && random.nextBoolean()).reasonCode(code)
                    .sessionExpiryInterval(maybe(random, all, () -> Duration.ofSeconds(random.nextInt(1 << 30))))
                    .receiveMaximum(maybe(random, all, () -> 1 + random.nextInt(65535)))
                    .maximumQos(maybe(random, all, () -> QoS.fromValue(random.nextInt(2))))
                    .retainAvailable(maybe(random, all, random::nextBoolean))
                    .maximumPacketSize(maybe(random, all, () -> 1L + random.nextInt(Integer.MAX_VALUE)))
                    .assignedClientIdentifier(maybe(random, all, () -> randomText(random, 0, 23)))
                    .topicAliasMaximum(maybe(random, all, () -> random.nextInt(65536)))
                    .reasonString(maybe(random, all, () -> randomText(random, 0, 30)))
                    .userProperties(randomUserProperties(random))
                    .wildcardSubscriptionsAvailable(maybe(random, all, random::nextBoolean))
                    .subscriptionIdentifiersAvailable(maybe(random, all, random::nextBoolean))
                    .sharedSubscriptionsAvailable(maybe(random, all, random::nextBoolean))
                    .serverKeepAlive(maybe(random, all, () -> Duration.ofSeconds(random.nextInt(65536))))
                    .responseInformation(maybe(random, all, () -> randomText(random, 0, 10)))
                    .serverReference(maybe(random, all, () -> randomText(random, 0, 10)))
                    .authenticationMethod(all || random.nextBoolean() ? randomText(random, 1, 10) : null)
                    .build();
            if (expected.authenticationMethod() != null && (all || random.nextBoolean())) {
                expected = ConnAckPacket.builder().sessionPresent(expected.sessionPresent())
                        .reasonCode(expected.reasonCode()).sessionExpiryInterval(expected.sessionExpiryInterval())
                        .receiveMaximum(expected.receiveMaximum()).maximumQos(expected.maximumQos())
                        .retainAvailable(expected.retainAvailable()).maximumPacketSize(expected.maximumPacketSize())
                        .assignedClientIdentifier(expected.assignedClientIdentifier())
                        .topicAliasMaximum(expected.topicAliasMaximum()).reasonString(expected.reasonString())
                        .userProperties(expected.userProperties())
                        .wildcardSubscriptionsAvailable(expected.wildcardSubscriptionsAvailable())
                        .subscriptionIdentifiersAvailable(expected.subscriptionIdentifiersAvailable())
                        .sharedSubscriptionsAvailable(expected.sharedSubscriptionsAvailable())
                        .serverKeepAlive(expected.serverKeepAlive()).responseInformation(expected.responseInformation())
                        .serverReference(expected.serverReference())
                        .authenticationMethod(expected.authenticationMethod())
                        .authenticationData(randomBytes(random, 16)).build();
            }
            MqttProperties p = new Props()
                    .integer(SESSION_EXPIRY_INTERVAL, seconds(expected.sessionExpiryInterval()))
                    .integer(RECEIVE_MAXIMUM, expected.receiveMaximum())
                    .integer(MAXIMUM_QOS, expected.maximumQos() == null ? null : expected.maximumQos().value())
                    .integer(RETAIN_AVAILABLE, bit(expected.retainAvailable()))
                    .integer(MAXIMUM_PACKET_SIZE, expected.maximumPacketSize())
                    .string(ASSIGNED_CLIENT_IDENTIFIER, expected.assignedClientIdentifier())
                    .integer(TOPIC_ALIAS_MAXIMUM, expected.topicAliasMaximum())
                    .string(REASON_STRING, expected.reasonString())
                    .user(expected.userProperties())
                    .integer(WILDCARD_SUBSCRIPTION_AVAILABLE, bit(expected.wildcardSubscriptionsAvailable()))
                    .integer(SUBSCRIPTION_IDENTIFIER_AVAILABLE, bit(expected.subscriptionIdentifiersAvailable()))
                    .integer(SHARED_SUBSCRIPTION_AVAILABLE, bit(expected.sharedSubscriptionsAvailable()))
                    .integer(SERVER_KEEP_ALIVE, seconds(expected.serverKeepAlive()))
                    .string(RESPONSE_INFORMATION, expected.responseInformation())
                    .string(SERVER_REFERENCE, expected.serverReference())
                    .string(AUTHENTICATION_METHOD, expected.authenticationMethod())
                    .binary(AUTHENTICATION_DATA, expected.authenticationData()).properties;
            MqttConnAckMessage connAck = new MqttConnAckMessage(
                    new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                    new MqttConnAckVariableHeader(MqttConnectReturnCode.valueOf((byte) code.code()),
                            expected.sessionPresent(), p));
            assertThat(Wire.decode(NettyOracle.encode(connAck))).isEqualTo(expected);
        }
    }

    @Test
    void weDecodeNettysPublish() {
        Random random = new Random(7);
        for (int i = 0; i < ROUNDS; i++) {
            PublishPacket sent = randomPublish(random, i == 0);
            List<Integer> subscriptionIds = new ArrayList<>();
            for (int n = random.nextInt(3); n > 0; n--) {
                subscriptionIds.add(1 + random.nextInt(268_435_455));
            }
            PublishPacket expected = sent.toBuilder().subscriptionIdentifiers(subscriptionIds).build();
            Props props = messageProperties(expected).integer(TOPIC_ALIAS, expected.topicAlias());
            subscriptionIds.forEach(id -> props.integer(SUBSCRIPTION_IDENTIFIER, id));
            int packetId = expected.qos() == QoS.AT_MOST_ONCE ? 0 : 1 + random.nextInt(65535);
            boolean dup = packetId != 0 && random.nextBoolean();
            MqttPublishMessage publish = new MqttPublishMessage(
                    new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(expected.qos().value()),
                            expected.retain(), 0),
                    new MqttPublishVariableHeader(expected.topic(), packetId, props.properties),
                    Unpooled.wrappedBuffer(expected.payload()));
            assertThat(Wire.decode(NettyOracle.encode(publish)))
                    .isEqualTo(new InboundPublish(packetId, dup, expected.toBuilder().duplicate(dup).build()));
        }
    }

    @Test
    void weDecodeNettysPublishAcknowledgements() {
        Random random = new Random(8);
        for (int i = 0; i < ROUNDS; i++) {
            int id = 1 + random.nextInt(65535);
            String reason = random.nextBoolean() ? randomText(random, 0, 10) : null;
            List<UserProperty> users = randomUserProperties(random);
            checkOurAck(MqttMessageType.PUBACK, id, pick(random, PubAckReasonCode.values()), reason, users,
                    c -> new PubAckPacket(c, reason, users));
            checkOurAck(MqttMessageType.PUBREC, id, pick(random, PubRecReasonCode.values()), reason, users,
                    c -> new PubRecPacket(c, reason, users));
            checkOurAck(MqttMessageType.PUBREL, id, pick(random, PubRelReasonCode.values()), reason, users,
                    c -> new PubRelPacket(c, reason, users));
            checkOurAck(MqttMessageType.PUBCOMP, id, pick(random, PubCompReasonCode.values()), reason, users,
                    c -> new PubCompPacket(c, reason, users));
        }
    }

    private static <C extends ReasonCode, P> void checkOurAck(MqttMessageType type, int id, C code, String reason,
            List<UserProperty> users, Function<C, P> expected) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        MqttMessage message = new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                new MqttPubReplyMessageVariableHeader(id, (byte) code.code(),
                        new Props().string(REASON_STRING, reason).user(users).properties));
        assertThat(Wire.decode(NettyOracle.encode(message))).isEqualTo(new InboundAck<>(id, expected.apply(code)));
    }

    @Test
    void weDecodeNettysSubAckAndUnsubAck() {
        Random random = new Random(9);
        for (int i = 0; i < ROUNDS; i++) {
            int id = 1 + random.nextInt(65535);
            String reason = random.nextBoolean() ? randomText(random, 0, 10) : null;
            List<UserProperty> users = randomUserProperties(random);
            List<SubAckReasonCode> subCodes = new ArrayList<>();
            List<UnsubAckReasonCode> unsubCodes = new ArrayList<>();
            for (int n = 1 + random.nextInt(5); n > 0; n--) {
                subCodes.add(pick(random, SubAckReasonCode.values()));
                unsubCodes.add(pick(random, UnsubAckReasonCode.values()));
            }
            MqttProperties p = new Props().string(REASON_STRING, reason).user(users).properties;
            MqttSubAckMessage subAck = new MqttSubAckMessage(
                    new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                    new MqttMessageIdAndPropertiesVariableHeader(id, p),
                    new MqttSubAckPayload(subCodes.stream().mapToInt(SubAckReasonCode::code).toArray()));
            assertThat(Wire.decode(NettyOracle.encode(subAck)))
                    .isEqualTo(new InboundAck<>(id, new SubAckPacket(subCodes, reason, users)));
            MqttUnsubAckMessage unsubAck = new MqttUnsubAckMessage(
                    new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                    new MqttMessageIdAndPropertiesVariableHeader(id, p),
                    new MqttUnsubAckPayload(unsubCodes.stream().map(c -> (short) c.code()).toList()));
            assertThat(Wire.decode(NettyOracle.encode(unsubAck)))
                    .isEqualTo(new InboundAck<>(id, new UnsubAckPacket(unsubCodes, reason, users)));
        }
    }

    @Test
    void weDecodeNettysDisconnectAndAuth() {
        Random random = new Random(10);
        for (int i = 0; i < ROUNDS; i++) {
            DisconnectPacket disconnect = new DisconnectPacket(pick(random, DisconnectReasonCode.values()), null,
                    random.nextBoolean() ? randomText(random, 0, 10) : null, randomUserProperties(random),
                    random.nextBoolean() ? randomText(random, 0, 10) : null);
            MqttMessage message = new MqttMessage(
                    new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                    new MqttReasonCodeAndPropertiesVariableHeader((byte) disconnect.reasonCode().code(), new Props()
                            .string(REASON_STRING, disconnect.reasonString()).user(disconnect.userProperties())
                            .string(SERVER_REFERENCE, disconnect.serverReference()).properties));
            assertThat(Wire.decode(NettyOracle.encode(message))).isEqualTo(disconnect);

            AuthPacket auth = new AuthPacket(random.nextBoolean() ? AuthReasonCode.SUCCESS
                    : AuthReasonCode.CONTINUE_AUTHENTICATION, randomText(random, 1, 10),
                    random.nextBoolean() ? randomBytes(random, 10) : null,
                    random.nextBoolean() ? randomText(random, 0, 10) : null, randomUserProperties(random));
            message = new MqttMessage(new MqttFixedHeader(MqttMessageType.AUTH, false, MqttQoS.AT_MOST_ONCE, false, 0),
                    new MqttReasonCodeAndPropertiesVariableHeader((byte) auth.reasonCode().code(), new Props()
                            .string(AUTHENTICATION_METHOD, auth.authenticationMethod())
                            .binary(AUTHENTICATION_DATA, auth.authenticationData())
                            .string(REASON_STRING, auth.reasonString()).user(auth.userProperties()).properties));
            assertThat(Wire.decode(NettyOracle.encode(message))).isEqualTo(auth);
        }
    }

    // ---------------------------------------------------------------- generators and comparisons

    private static void assertMessageProperties(MqttProperties p, PublishPacket message) {
        assertThat(integer(p, PAYLOAD_FORMAT_INDICATOR))
                .isEqualTo(message.payloadFormat() == null ? null : message.payloadFormat().value());
        assertThat(unsigned(p, PUBLICATION_EXPIRY_INTERVAL)).isEqualTo(seconds(message.messageExpiryInterval()));
        assertThat(string(p, CONTENT_TYPE)).isEqualTo(message.contentType());
        assertThat(string(p, RESPONSE_TOPIC)).isEqualTo(message.responseTopic());
        assertThat(binary(p, CORRELATION_DATA)).isEqualTo(message.correlationData());
        assertThat(userProperties(p)).isEqualTo(message.userProperties());
    }

    private static Props messageProperties(PublishPacket message) {
        return new Props()
                .integer(PAYLOAD_FORMAT_INDICATOR, message.payloadFormat() == null ? null : message.payloadFormat().value())
                .integer(PUBLICATION_EXPIRY_INTERVAL, seconds(message.messageExpiryInterval()))
                .string(CONTENT_TYPE, message.contentType())
                .string(RESPONSE_TOPIC, message.responseTopic())
                .binary(CORRELATION_DATA, message.correlationData())
                .user(message.userProperties());
    }

    static ConnectPacket randomConnect(Random random, boolean all) {
        ConnectPacket.Builder b = ConnectPacket.builder().clientId(randomText(random, 0, 23))
                .keepAlive(Duration.ofSeconds(random.nextInt(65536)))
                .username(maybe(random, all, () -> randomText(random, 0, 10)))
                .password(maybe(random, all, () -> randomBytes(random, 10)))
                .sessionExpiryInterval(maybe(random, all, () -> Duration.ofSeconds(random.nextInt(1 << 30) * 4L)))
                .receiveMaximum(maybe(random, all, () -> 1 + random.nextInt(65535)))
                .maximumPacketSize(maybe(random, all, () -> 1L + random.nextInt(Integer.MAX_VALUE)))
                .topicAliasMaximum(maybe(random, all, () -> random.nextInt(65536)))
                .requestResponseInformation(maybe(random, all, random::nextBoolean))
                .requestProblemInformation(maybe(random, all, random::nextBoolean))
                .userProperties(randomUserProperties(random));
        if (all || random.nextBoolean()) {
            b.authenticationMethod(randomText(random, 1, 10));
            b.authenticationData(maybe(random, all, () -> randomBytes(random, 10)));
        }
        if (all || random.nextBoolean()) {
            b.will(randomPublish(random, all).toBuilder().topicAlias(null).build());
            b.willDelayInterval(maybe(random, all, () -> Duration.ofSeconds(random.nextInt(100_000))));
        }
        return b.build();
    }

    static PublishPacket randomPublish(Random random, boolean all) {
        return PublishPacket.builder().topic(randomText(random, 1, 30)).payload(randomBytes(random, 300))
                .qos(QoS.fromValue(random.nextInt(3))).retain(random.nextBoolean())
                .payloadFormat(maybe(random, all, () -> random.nextBoolean() ? PayloadFormat.UTF8 : PayloadFormat.BYTES))
                .messageExpiryInterval(maybe(random, all, () -> Duration.ofSeconds(random.nextInt() & 0xFFFF_FFFFL)))
                .topicAlias(maybe(random, all, () -> 1 + random.nextInt(65535)))
                .responseTopic(maybe(random, all, () -> randomText(random, 1, 20)))
                .correlationData(maybe(random, all, () -> randomBytes(random, 16)))
                .userProperties(randomUserProperties(random))
                .contentType(maybe(random, all, () -> randomText(random, 0, 20)))
                .build();
    }

    private static final String[] ALPHABET = {"a", "b", "z", "0", "/", "-", " ", "$", "ü", "é", "漢", "😀"};

    static String randomText(Random random, int min, int max) {
        StringBuilder s = new StringBuilder();
        for (int n = min + random.nextInt(max - min + 1); n > 0; n--) {
            s.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }

    static byte[] randomBytes(Random random, int max) {
        byte[] bytes = new byte[random.nextInt(max + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    static List<UserProperty> randomUserProperties(Random random) {
        List<UserProperty> list = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            list.add(UserProperty.of(randomText(random, 0, 8), randomText(random, 0, 8)));
        }
        return list;
    }

    static <T> T maybe(Random random, boolean always, java.util.function.Supplier<T> value) {
        return always || random.nextBoolean() ? value.get() : null;
    }

    static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static Integer bit(Boolean value) {
        return value == null ? null : value ? 1 : 0;
    }

    private static Long seconds(Duration value) {
        return value == null ? null : value.getSeconds();
    }
}
