package dev.mqtt5.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.client.packet.UserProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Netty's netty-codec-mqtt as an independent implementation to compare against. It learns the protocol version
 * from CONNECT, or otherwise from a channel attribute its package keeps private; the attribute is looked up by
 * name, which is how {@code AttributeKey.valueOf} shares keys.
 */
final class NettyOracle {

    private static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private NettyOracle() {
    }

    /** Decodes our bytes with Netty's MqttDecoder as an MQTT 5 server would. */
    static MqttMessage decode(byte[] bytes) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.attr(VERSION).set(MqttVersion.MQTT_5);
        channel.pipeline().addLast(new MqttDecoder(1 << 20));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        MqttMessage message = channel.readInbound();
        assertThat(message).as("Netty decoded %s", ByteBufUtil.hexDump(bytes)).isNotNull();
        assertThat(message.decoderResult().isSuccess()).as("Netty decoder result %s", message.decoderResult()).isTrue();
        assertThat((Object) channel.readInbound()).isNull();
        return message;
    }

    /** Encodes a message with Netty's MqttEncoder as an MQTT 5 server would. */
    static byte[] encode(MqttMessage message) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.attr(VERSION).set(MqttVersion.MQTT_5);
        channel.pipeline().addLast(MqttEncoder.INSTANCE);
        channel.writeOutbound(message);
        ByteBuf out = channel.readOutbound();
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    static Integer integer(MqttProperties properties, int id) {
        MqttProperties.MqttProperty<?> p = properties.getProperty(id);
        return p == null ? null : (Integer) p.value();
    }

    static Long unsigned(MqttProperties properties, int id) {
        Integer value = integer(properties, id);
        return value == null ? null : Integer.toUnsignedLong(value);
    }

    static String string(MqttProperties properties, int id) {
        MqttProperties.MqttProperty<?> p = properties.getProperty(id);
        return p == null ? null : (String) p.value();
    }

    static byte[] binary(MqttProperties properties, int id) {
        MqttProperties.MqttProperty<?> p = properties.getProperty(id);
        return p == null ? null : (byte[]) p.value();
    }

    static List<UserProperty> userProperties(MqttProperties properties) {
        List<UserProperty> result = new ArrayList<>();
        for (MqttProperties.MqttProperty<?> p : properties.getProperties(MqttProperties.USER_PROPERTY)) {
            Object value = p.value();
            if (value instanceof List<?> pairs) {
                for (Object pair : pairs) {
                    MqttProperties.StringPair sp = (MqttProperties.StringPair) pair;
                    result.add(UserProperty.of(sp.key, sp.value));
                }
            } else {
                MqttProperties.StringPair sp = (MqttProperties.StringPair) value;
                result.add(UserProperty.of(sp.key, sp.value));
            }
        }
        return result;
    }

    static List<Integer> subscriptionIdentifiers(MqttProperties properties) {
        List<Integer> result = new ArrayList<>();
        for (MqttProperties.MqttProperty<?> p : properties.getProperties(MqttProperties.SUBSCRIPTION_IDENTIFIER)) {
            result.add((Integer) p.value());
        }
        return result;
    }

    /** Builds Netty properties; null values are left out. */
    static final class Props {
        final MqttProperties properties = new MqttProperties();

        Props integer(int id, Number value) {
            if (value != null) {
                properties.add(new MqttProperties.IntegerProperty(id, value.intValue()));
            }
            return this;
        }

        Props string(int id, String value) {
            if (value != null) {
                properties.add(new MqttProperties.StringProperty(id, value));
            }
            return this;
        }

        Props binary(int id, byte[] value) {
            if (value != null) {
                properties.add(new MqttProperties.BinaryProperty(id, value));
            }
            return this;
        }

        Props user(List<UserProperty> users) {
            if (!users.isEmpty()) {
                MqttProperties.UserProperties up = new MqttProperties.UserProperties();
                users.forEach(u -> up.add(u.name(), u.value()));
                properties.add(up);
            }
            return this;
        }
    }
}
