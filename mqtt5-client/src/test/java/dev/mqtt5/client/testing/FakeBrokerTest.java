package dev.mqtt5.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeBrokerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final FakeBroker broker = new FakeBroker();

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void answersARawConnectWithASuccessfulConnAckAndRecordsIt() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(connectPacket("fake-1"));

            byte[] connAck = readPacket(socket.getInputStream());

            assertThat(connAck[0]).isEqualTo((byte) 0x20);
            assertThat(connAck[2]).as("session present").isZero();
            assertThat(connAck[3]).as("reason code").isZero();
            MqttConnectMessage connect = broker.awaitConnect(TIMEOUT);
            assertThat(connect.payload().clientIdentifier()).isEqualTo("fake-1");
            assertThat(connect.variableHeader().version()).isEqualTo(5);
            assertThat(broker.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void refusesTheFirstConnectionWithAScriptedReasonCodeAndAcceptsTheSecond() throws IOException {
        broker.onConnect((index, connect) -> index == 0
                ? BrokerReplies.connAck().reasonCode(0x87).reasonString("go away").build()
                : BrokerReplies.connAck().sessionPresent(true).receiveMaximum(7).build());

        try (Socket first = connect()) {
            first.getOutputStream().write(connectPacket("fake-2"));
            byte[] refused = readPacket(first.getInputStream());
            assertThat(refused[3]).isEqualTo((byte) 0x87);
            assertThat(new String(refused, StandardCharsets.UTF_8)).contains("go away");
        }
        try (Socket second = connect()) {
            second.getOutputStream().write(connectPacket("fake-2"));
            byte[] accepted = readPacket(second.getInputStream());
            assertThat(accepted[2]).isEqualTo((byte) 1);
            assertThat(accepted[3]).isZero();
        }
        broker.awaitConnections(2, TIMEOUT);
        assertThat(broker.connections()).hasSize(2);
    }

    @Test
    void neverAnswersWhenTheScriptReturnsNullAndAutoRepliesToPing() throws IOException {
        broker.onConnect((index, connect) -> null);
        try (Socket socket = connect()) {
            socket.getOutputStream().write(connectPacket("fake-3"));
            socket.getOutputStream().write(new byte[] {(byte) 0xC0, 0});

            assertThat(readPacket(socket.getInputStream())).containsExactly(0xD0, 0);
            assertThat(broker.awaitPacket(MqttMessageType.PINGREQ, TIMEOUT)).isNotNull();
        }
    }

    @Test
    void acknowledgesQos1PublishesAndRecordsTheirPayloadUntilTurnedOff() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(connectPacket("fake-4"));
            readPacket(socket.getInputStream());

            out.write(publishQos1("a/b", 1, "hello"));
            // success without properties: netty-codec-mqtt omits the reason code (MQTT 5, 3.4.2.1)
            assertThat(readPacket(socket.getInputStream())).containsExactly(0x40, 2, 0, 1);
            MqttPublishMessage publish = (MqttPublishMessage) broker.awaitPacket(MqttMessageType.PUBLISH, TIMEOUT);
            assertThat(publish.variableHeader().topicName()).isEqualTo("a/b");
            assertThat(publish.content().toString(StandardCharsets.UTF_8)).isEqualTo("hello");

            broker.reply(MqttMessageType.PUBLISH, received -> BrokerReplies.ack(MqttMessageType.PUBACK,
                    ((MqttPublishMessage) received).variableHeader().packetId(), 0x87, null));
            out.write(publishQos1("a/b", 2, "again"));
            byte[] failed = readPacket(socket.getInputStream());
            assertThat(failed).startsWith(0x40);
            assertThat(failed[4]).isEqualTo((byte) 0x87);
        }
    }

    @Test
    void sendsPacketsAndRawBytesToTheClientAndDropsTheConnection() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(connectPacket("fake-5"));
            readPacket(socket.getInputStream());
            broker.awaitConnect(TIMEOUT);

            broker.sendRaw(new byte[] {0x30, 0x7F});
            assertThat(socket.getInputStream().readNBytes(2)).containsExactly(0x30, 0x7F);

            broker.send(BrokerReplies.disconnect(0x8E, "taken over"));
            byte[] disconnect = readPacket(socket.getInputStream());
            assertThat(disconnect[0]).isEqualTo((byte) 0xE0);
            assertThat(disconnect[2]).isEqualTo((byte) 0x8E);

            broker.dropConnection();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(broker.connection().isOpen()).isFalse();
        }
    }

    @Test
    void recordsAMalformedPacketAndClosesTheConnection() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(connectPacket("fake-6"));
            readPacket(socket.getInputStream());
            socket.getOutputStream().write(new byte[] {(byte) 0xF1, 0}); // reserved packet type 15 with flags

            broker.connection().awaitClosed(TIMEOUT);
            MqttMessage last = broker.received().get(broker.received().size() - 1);
            assertThat(last.decoderResult().isFailure()).isTrue();
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(broker.host(), broker.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    static byte[] connectPacket(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] packet = new byte[2 + 11 + 2 + id.length];
        byte[] head = {0x10, (byte) (11 + 2 + id.length), 0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 60, 0, 0, (byte) id.length};
        System.arraycopy(head, 0, packet, 0, head.length);
        System.arraycopy(id, 0, packet, head.length, id.length);
        return packet;
    }

    private static byte[] publishQos1(String topic, int packetId, String payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + t.length + 2 + 1 + p.length;
        byte[] packet = new byte[2 + remaining];
        packet[0] = 0x32;
        packet[1] = (byte) remaining;
        packet[3] = (byte) t.length;
        System.arraycopy(t, 0, packet, 4, t.length);
        packet[4 + t.length] = (byte) (packetId >> 8);
        packet[5 + t.length] = (byte) packetId;
        packet[6 + t.length] = 0; // no properties
        System.arraycopy(p, 0, packet, 7 + t.length, p.length);
        return packet;
    }

    /** Reads one packet whose remaining length fits in one byte. */
    private static byte[] readPacket(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int type = data.readUnsignedByte();
        int length = data.readUnsignedByte();
        byte[] packet = new byte[2 + length];
        packet[0] = (byte) type;
        packet[1] = (byte) length;
        data.readFully(packet, 2, length);
        return Arrays.copyOf(packet, packet.length);
    }
}
