package dev.mqtt5.client.internal.transport;

import io.netty.channel.ChannelFactory;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Netty socket transport the clients of this JVM use: the native epoll transport where it
 * loads (Linux on x86_64 or aarch64), Java NIO otherwise. The system property
 * {@value #PROPERTY} set to {@code nio} forces NIO; {@code epoll} requires epoll and fails the
 * first connection, naming the property, if it cannot load.
 */
enum SocketTransport {

    // Constructor references, not Netty's reflective factory: cheaper per connection, above all in a
    // cold JVM whose first connections run interpreted.
    EPOLL(EpollSocketChannel::new),
    NIO(NioSocketChannel::new);

    /** The system property that chooses the transport: {@code auto} (the default), {@code epoll} or {@code nio}. */
    static final String PROPERTY = "dev.mqtt5.client.transport";

    private static final Logger log = LoggerFactory.getLogger(SocketTransport.class);
    private static volatile SocketTransport selected;

    private final ChannelFactory<SocketChannel> channelFactory;

    SocketTransport(ChannelFactory<SocketChannel> channelFactory) {
        this.channelFactory = channelFactory;
    }

    /** Makes the channels of this transport's connections. */
    ChannelFactory<SocketChannel> channelFactory() {
        return channelFactory;
    }

    /** The I/O handler the event loops of this transport run. */
    IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /**
     * The transport of this JVM, chosen once from {@value #PROPERTY} and what loads.
     *
     * @throws IllegalStateException if the property names an unknown transport, or epoll when it cannot load
     */
    static SocketTransport current() {
        SocketTransport transport = selected;
        if (transport == null) {
            transport = choose(System.getProperty(PROPERTY, "auto"));
            selected = transport;
        }
        return transport;
    }

    static SocketTransport choose(String setting) {
        switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "nio":
                return NIO;
            case "epoll":
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("-D" + PROPERTY + "=epoll, but Netty's epoll transport cannot load: "
                            + Epoll.unavailabilityCause() + "; use auto or nio");
                }
                return EPOLL;
            case "auto":
            case "":
                if (Epoll.isAvailable()) {
                    return EPOLL;
                }
                log.debug("Netty's epoll transport is not available ({}); using Java NIO",
                        String.valueOf(Epoll.unavailabilityCause()));
                return NIO;
            default:
                throw new IllegalStateException("-D" + PROPERTY + "=" + setting
                        + " is not a transport; use auto, epoll or nio");
        }
    }
}
