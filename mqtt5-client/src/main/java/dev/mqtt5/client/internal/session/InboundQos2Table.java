package dev.mqtt5.client.internal.session;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;

/**
 * The packet identifiers of received QoS 2 publishes between PUBLISH and PUBREL. A PUBLISH whose
 * identifier is here is a duplicate: it is acknowledged again but not delivered again
 * (MQTT 5.0 section 4.3.3). Event loop only.
 */
public final class InboundQos2Table {

    /** Created on the first QoS 2 publish: an idle client holds no table. */
    private IntObjectMap<Boolean> delivered;

    /** Records a new identifier; returns false if it is already here (a duplicate delivery). */
    public boolean add(int packetId) {
        if (delivered == null) {
            delivered = new IntObjectHashMap<>(4);
        }
        return delivered.put(packetId, Boolean.TRUE) == null;
    }

    /** Whether the identifier awaits its PUBREL. */
    public boolean contains(int packetId) {
        return delivered != null && delivered.containsKey(packetId);
    }

    /** Releases the identifier on PUBREL; returns whether it was here. */
    public boolean release(int packetId) {
        return delivered != null && delivered.remove(packetId) != null;
    }

    /** Forgets everything (the session is gone). */
    public void clear() {
        delivered = null;
    }

    /** How many identifiers await their PUBREL. */
    public int size() {
        return delivered == null ? 0 : delivered.size();
    }
}
