package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.exception.OperationRefusedException;
import dev.mqtt5.client.exception.ServerDisconnectedException;
import dev.mqtt5.client.packet.DisconnectPacket;
import dev.mqtt5.client.packet.DisconnectReasonCode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the operation a server refuses by closing the connection, so that it does not come back
 * on every reconnect forever. When the server ends a connection (a DISCONNECT whose reason may be
 * about a packet, or a close or reset without one) the oldest operation still awaiting its
 * acknowledgement on that connection takes the blame; once the same operation has been blamed
 * {@code limit} times in a row it is failed with {@link OperationRefusedException} and the rest of
 * the queue goes on. Ends the client causes itself (ping timeout, its own protocol errors, stop)
 * and DISCONNECTs about the connection rather than a packet (session taken over, server busy or
 * shutting down, rates and quotas, keep-alive, administrative action, another server) count for
 * nothing. Event loop only.
 */
final class PoisonOperations {

    private static final Set<DisconnectReasonCode> NOT_ABOUT_A_PACKET = EnumSet.of(
            DisconnectReasonCode.NORMAL_DISCONNECTION, DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE,
            DisconnectReasonCode.SERVER_BUSY, DisconnectReasonCode.SERVER_SHUTTING_DOWN,
            DisconnectReasonCode.KEEP_ALIVE_TIMEOUT, DisconnectReasonCode.SESSION_TAKEN_OVER,
            DisconnectReasonCode.MESSAGE_RATE_TOO_HIGH, DisconnectReasonCode.QUOTA_EXCEEDED,
            DisconnectReasonCode.ADMINISTRATIVE_ACTION, DisconnectReasonCode.USE_ANOTHER_SERVER,
            DisconnectReasonCode.SERVER_MOVED, DisconnectReasonCode.CONNECTION_RATE_EXCEEDED,
            DisconnectReasonCode.MAXIMUM_CONNECT_TIME);

    private PoisonOperations() {
    }

    /**
     * Whether a connection end may be the server refusing a packet.
     *
     * @param disconnect the server's DISCONNECT, or null
     * @param endedByPeer the server closed or reset the connection (the client did not close it)
     */
    static boolean mayBeRefusal(DisconnectPacket disconnect, boolean endedByPeer) {
        return disconnect != null ? !NOT_ABOUT_A_PACKET.contains(disconnect.reasonCode()) : endedByPeer;
    }

    /**
     * Blames the oldest operation awaiting its ack for the connection's end; returns it when it has
     * now been blamed {@code limit} times in a row, or null.
     *
     * @param inflight the operations written and awaiting their acks, oldest first
     * @param limit blames in a row that fail an operation; 0 blames none
     */
    static Operation<?> blame(List<Operation<?>> inflight, int limit) {
        if (limit == 0) {
            return null;
        }
        for (Operation<?> op : inflight) {
            if (!op.abandoned) {
                return ++op.serverCloses >= limit ? op : null;
            }
        }
        return null;
    }

    /** The failure of an operation {@link #blame} returned, carrying what the server said last. */
    static OperationRefusedException refused(Operation<?> op, Throwable cause, int limit) {
        DisconnectPacket disconnect = cause instanceof ServerDisconnectedException s ? s.disconnect() : null;
        return new OperationRefusedException(op.describe() + " failed: the server ended the connection "
                + op.serverCloses + " times in a row while it awaited its acknowledgement, last: "
                + (disconnect != null ? Causes.describe(cause) : "closed without DISCONNECT (" + Causes.describe(cause)
                + ")") + "; the client gave up on it (poisonOperationLimit " + limit
                + ") and goes on with the rest of the queue", disconnect, op.serverCloses, cause);
    }
}
