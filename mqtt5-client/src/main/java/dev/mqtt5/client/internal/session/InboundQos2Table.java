package dev.mqtt5.client.internal.session;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;

/**
 * The received QoS 2 flows of the session, by packet identifier, from PUBLISH until the client's
 * PUBCOMP leaves. A PUBLISH whose identifier is here is a duplicate: it is acknowledged again but
 * not delivered again (MQTT 5.0 section 4.3.3). Each flow counts the PUBRECs still owed for it on
 * this connection, so that its PUBCOMP never overtakes one: a PUBREL that comes while a PUBREC is
 * owed (a server that did not wait for it) releases the flow, and its PUBCOMP goes after them.
 * Flows count against the client's Receive Maximum until their PUBCOMP leaves. Event loop only.
 */
public final class InboundQos2Table {

    /** What to answer a PUBREL with. */
    public enum Release {
        /** PUBCOMP now: no PUBREC of the flow is owed, and the flow ends. */
        COMPLETE,
        /** PUBCOMP after the PUBREC(s) still owed; {@link #pubCompSent} ends the flow. */
        COMPLETE_AFTER_PUBREC,
        /** The flow was released already and its PUBCOMP is owed: nothing more. */
        ALREADY_RELEASED,
        /** No such flow: PUBCOMP with reason Packet Identifier Not Found. */
        NOT_FOUND
    }

    /**
     * A flow released while PUBRECs were owed; every other value counts the PUBRECs owed. Values
     * this small come from the Integer cache: a flow allocates nothing.
     */
    private static final Integer RELEASED = -1;

    /** Created on the first QoS 2 publish: an idle client holds no table. */
    private IntObjectMap<Integer> flows;

    /** Whether the identifier has a flow here: a PUBLISH with it is a duplicate. */
    public boolean contains(int packetId) {
        return flows != null && flows.containsKey(packetId);
    }

    /** Whether the flow was released and waits for its PUBCOMP to leave: a PUBREC for it now would come too late. */
    public boolean released(int packetId) {
        Integer state = flows == null ? null : flows.get(packetId);
        return state != null && state < 0;
    }

    /** A PUBREC is owed for the identifier: starts its flow, or counts one more for a duplicate. */
    public void pubRecOwed(int packetId) {
        if (flows == null) {
            flows = new IntObjectHashMap<>(4);
        }
        Integer state = flows.get(packetId);
        flows.put(packetId, Integer.valueOf(state == null ? 1 : state + 1));
    }

    /** A PUBREC of the flow left. */
    public void pubRecSent(int packetId) {
        Integer state = flows == null ? null : flows.get(packetId);
        if (state != null && state > 0) {
            flows.put(packetId, Integer.valueOf(state - 1));
        }
    }

    /** A PUBREL for the identifier: says what to answer, and ends the flow when that is PUBCOMP now. */
    public Release release(int packetId) {
        Integer state = flows == null ? null : flows.get(packetId);
        if (state == null) {
            return Release.NOT_FOUND;
        }
        if (state < 0) {
            return Release.ALREADY_RELEASED;
        }
        if (state > 0) {
            flows.put(packetId, RELEASED);
            return Release.COMPLETE_AFTER_PUBREC;
        }
        flows.remove(packetId);
        return Release.COMPLETE;
    }

    /** The PUBCOMP of a released flow left: the flow ends. */
    public void pubCompSent(int packetId) {
        if (flows != null) {
            flows.remove(packetId);
        }
    }

    /**
     * A new connection in the same session: what was owed on the old one is void. Every flow waits
     * for its PUBREL again (the server resends PUBLISH or PUBREL), with no PUBREC owed.
     */
    public void connectionChanged() {
        if (flows != null) {
            for (IntObjectMap.PrimitiveEntry<Integer> flow : flows.entries()) {
                flow.setValue(Integer.valueOf(0));
            }
        }
    }

    /** Forgets everything (the session is gone). */
    public void clear() {
        flows = null;
    }

    /** How many flows await their PUBREL or the PUBCOMP that ends them. */
    public int size() {
        return flows == null ? 0 : flows.size();
    }
}
