package dev.mqtt5.client.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import dev.mqtt5.client.testing.TestCertificates;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The socket transport: native epoll on this Linux machine by default, Java NIO on request, and
 * both carry MQTT (the NIO path is what users get on macOS and Windows).
 */
@ExtendWith(MosquittoExtension.class)
class SocketTransportTest {

    static MosquittoBroker broker;

    @Test
    void choosesEpollOnLinuxUnlessNioIsRequested() {
        assertThat(System.getProperty("os.name")).isEqualTo("Linux");
        assertThat(SocketTransport.choose("auto")).isEqualTo(SocketTransport.EPOLL);
        assertThat(SocketTransport.choose(" EPOLL ")).isEqualTo(SocketTransport.EPOLL);
        assertThat(SocketTransport.choose("nio")).isEqualTo(SocketTransport.NIO);
        assertThat(SocketTransport.current()).isEqualTo(SocketTransport.EPOLL);
    }

    @Test
    void rejectsAnUnknownTransportNamingTheProperty() {
        assertThatThrownBy(() -> SocketTransport.choose("io_uring"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("-Ddev.mqtt5.client.transport=io_uring is not a transport; use auto, epoll or nio");
    }

    @Test
    void sharedClientConnectionsRunOnEpoll() throws Exception {
        EventLoopGroup group = SharedEventLoopGroup.acquire();
        ExecutorService user = Executors.newSingleThreadExecutor();
        try {
            Channel channel = connectAndCheckConnAck(new TransportConnector(), group,
                    TransportSettings.tcp(broker.host(), broker.tcpPort()), user);
            assertThat(channel).isInstanceOf(EpollSocketChannel.class);
        } finally {
            SharedEventLoopGroup.release();
            user.shutdownNow();
        }
    }

    @Test
    void carriesMqttOverTcpAndTlsOnJavaNio() throws Exception {
        EventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, SocketTransport.NIO.ioHandlerFactory());
        ExecutorService user = Executors.newSingleThreadExecutor();
        try {
            TransportConnector connector = new TransportConnector(SocketTransport.NIO);
            Channel tcp = connectAndCheckConnAck(connector, nio, TransportSettings.tcp(broker.host(), broker.tcpPort()), user);
            assertThat(tcp).isInstanceOf(NioSocketChannel.class);
            TlsOptions trusting = TlsOptions.builder()
                    .trustedCertificates(TestCertificates.get().ca().certificate()).build();
            Channel tls = connectAndCheckConnAck(connector, nio,
                    TransportSettings.tcp(broker.host(), broker.tlsPort()).withTls(trusting), user);
            assertThat(tls).isInstanceOf(NioSocketChannel.class);
        } finally {
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            user.shutdownNow();
        }
    }

    private static Channel connectAndCheckConnAck(TransportConnector connector, EventLoopGroup group,
            TransportSettings settings, ExecutorService user) throws Exception {
        RawMqtt.FirstPacket reader = new RawMqtt.FirstPacket();
        Channel channel = connector.connect(group.next(), settings, user, pipeline -> pipeline.addLast(reader))
                .get(15, TimeUnit.SECONDS);
        try {
            assertThat(RawMqtt.connAckReasonCode(channel, reader)).isZero();
            return channel;
        } finally {
            channel.close().sync();
        }
    }
}
