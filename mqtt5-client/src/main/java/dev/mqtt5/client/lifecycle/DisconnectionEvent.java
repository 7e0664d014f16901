package dev.mqtt5.client.lifecycle;

import dev.mqtt5.client.packet.DisconnectPacket;

/**
 * An established connection ended.
 *
 * @param cause why it ended: the server's DISCONNECT ({@code ServerDisconnectedException}), a
 *     lost connection, a ping timeout, a protocol violation, or {@code stop()}
 *     ({@code ClientStoppedException})
 * @param disconnect the server's DISCONNECT if one came, else null
 */
public record DisconnectionEvent(Throwable cause, DisconnectPacket disconnect) {
}
