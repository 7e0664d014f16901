package dev.mqtt5.client.internal.session;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The client's outbound packet identifiers in use and the operation that holds each one, from
 * the moment it is written until its final ack. Identifiers are allocated round-robin from 1 to
 * 65535, skipping those in use, so a just-freed identifier is not reused at once. Event loop only.
 *
 * @param <T> the operation type
 */
public final class InflightTable<T> {

    /** Created on first use: an idle client holds no table. */
    private IntObjectMap<T> byId;
    private int lastId;

    /**
     * Allocates a free packet identifier and binds it to the operation.
     *
     * @return the identifier, or 0 when all 65535 are in use
     */
    public int allocate(T operation) {
        if (byId == null) {
            byId = new IntObjectHashMap<>(8);
        }
        if (byId.size() >= 65535) {
            return 0;
        }
        int id = lastId;
        do {
            id = id == 65535 ? 1 : id + 1;
        } while (byId.containsKey(id));
        lastId = id;
        byId.put(id, operation);
        return id;
    }

    /** Binds an operation to an identifier it already holds (a resend after a session rejoin). */
    public void bind(int packetId, T operation) {
        if (byId == null) {
            byId = new IntObjectHashMap<>(8);
        }
        byId.put(packetId, operation);
    }

    /** The operation holding the identifier, or null. */
    public T get(int packetId) {
        return byId == null ? null : byId.get(packetId);
    }

    /** Frees the identifier and returns its operation, or null if it was not in use. */
    public T remove(int packetId) {
        return byId == null ? null : byId.remove(packetId);
    }

    /** How many identifiers are in use. */
    public int size() {
        return byId == null ? 0 : byId.size();
    }

    /** Removes everything and returns the operations in the given order. */
    public List<T> drain(Comparator<? super T> order) {
        if (byId == null || byId.isEmpty()) {
            return List.of();
        }
        List<T> all = new ArrayList<>(byId.values());
        byId.clear();
        all.sort(order);
        return all;
    }
}
